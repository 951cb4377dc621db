// The attendance screen's script (the only JavaScript of /asistencia/ and /en/asistencia/ besides
// the site's own). state.ts remembers, view.ts draws from the page's templates, controller.ts
// decides and wires the events; the words come from the page (words.ts).
import { start } from './controller.ts';

void start();
