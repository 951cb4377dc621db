import { benchField } from '../bench/field.ts';
import { printTable } from '../bench/table.ts';
printTable(await benchField(process.argv[2] ?? 'dist-field'));
