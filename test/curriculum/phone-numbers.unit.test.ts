import { describe, expect, test } from 'vitest';
import { findPhoneNumbers, phoneRule } from '../../src/curriculum/phone-numbers.ts';

const phones = (text: string) =>
  findPhoneNumbers(text)
    .filter((p) => p.tel)
    .map((p) => p.tel);

describe(`rule ${phoneRule}: phone numbers in a directory's text`, () => {
  test('the short codes written in the Peruvian directory become tel: links', () => {
    expect(phones('Marca 100 desde cualquier celular o teléfono fijo, aunque no tenga saldo.')).toEqual(['tel:100']);
    expect(phones('La comisaría más cercana. Emergencias policiales al 105.')).toEqual(['tel:105']);
    expect(phones('Llama al 911 o al 105')).toEqual(['tel:911', 'tel:105']);
  });

  test('numbers of 6 to 9 digits, grouped by spaces, hyphens or an area code in brackets', () => {
    expect(phones('Centro de salud: 084 123 456.')).toEqual(['tel:084123456']);
    expect(phones('Fijo (084) 23-4567, celular 987654321')).toEqual(['tel:084234567', 'tel:987654321']);
    expect(phones('123456')).toEqual(['tel:123456']);
  });

  test('joined again, the pieces give back the text exactly', () => {
    const text = 'Marca 100 o (084) 23-4567; atiende de 8 a 16 h.';
    expect(
      findPhoneNumbers(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(findPhoneNumbers('')).toEqual([{ text: '' }]);
    expect(findPhoneNumbers('Sin teléfono.')).toEqual([{ text: 'Sin teléfono.' }]);
  });

  test('the attacker: amounts, dates, years, decimals, longer numbers and other short numbers are not phones', () => {
    expect(phones('Cuesta S/ 100 o S/100, y $ 105.')).toEqual([]);
    expect(phones('El 100 % de las socias; 100,5 soles; 105.5')).toEqual([]);
    expect(phones('Desde el 12-05-2024 y en 2019-2024.')).toEqual([]);
    expect(phones('Código 1000, 10050, 9110 y 1105; ley 30364.')).toEqual([]);
    expect(phones('12345 o 1234567890 (10 cifras)')).toEqual([]);
    expect(phones('Oficina 100A, piso 105B')).toEqual([]);
    expect(phones('atiende de 8 a 16 h, 24 horas, 365 días')).toEqual([]);
    // Digits run together past 9 are refused whole: no link is safer than a link to a wrong number.
    expect(phones('984 123 456 24 horas')).toEqual([]);
  });
});
