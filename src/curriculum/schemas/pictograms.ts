/**
 * The closed set of pictures a printable aid may show, by name. Each name is one line-art SVG
 * in src/print/aids/pictograms/<name>.svg (a test checks the two lists match). A small fixed set,
 * drawn once in the same plain style, so every kit looks alike and a woman who cannot read
 * learns the pictures once. To add one: draw the SVG, then add its name and meaning here.
 */
export const pictograms = {
  mujer: 'Una mujer con trenzas y pollera',
  hombre: 'Un hombre con sombrero',
  pareja: 'Una mujer y un hombre de la mano',
  bebe: 'Un bebé envuelto en su manta',
  nino: 'Un niño o una niña',
  joven: 'Una joven y un joven',
  casa: 'Una casa',
  chacra: 'La chacra: surcos y el sol',
  vaca: 'Una vaca',
  monedas: 'Monedas: la plata',
  monedero: 'Un monedero',
  olla: 'Una olla: cocinar, la comida de la casa',
  hablar: 'Una cara que habla',
  escuchar: 'Una oreja: escuchar',
  gritar: 'Una boca que grita',
  callar: 'Una cara con la boca cerrada',
  'telefono-100': 'Un teléfono con el número 100',
  corazon: 'Un corazón',
  mano: 'Una mano abierta',
  'mano-alto': 'Una mano que dice alto',
  reloj: 'Un reloj',
  cama: 'Una cama',
  candado: 'Un candado: lo que se dice aquí se queda aquí',
  salud: 'Una cruz: el puesto de salud',
  policia: 'Una gorra de policía',
  balanza: 'Una balanza: la justicia',
  si: 'Un visto: sí, verdad',
  no: 'Un aspa: no, mentira',
} as const;

export type Pictogram = keyof typeof pictograms;
