/**
 * The closed lists of the curriculum. Each list is the only place its values are written:
 * schemas, search filters and labels on the page all read them from here.
 * Labels are Spanish because Spanish is the curriculum's source language; other languages
 * translate the labels, never the values (the values are stable ids used in data and URLs).
 */
export const audiences = {
  socias: 'Socias del banco comunal',
  lideresas: 'Lideresas',
  formadoras: 'Formadoras',
  promotores: 'Promotores y promotoras',
  comunidad: 'Comunidad',
} as const;

/** How a step of the agenda is run. */
export const methods = {
  bienvenida: 'Bienvenida',
  dinamica: 'Dinámica de animación',
  dialogo: 'Diálogo en grupo',
  trabajo_grupal: 'Trabajo en grupos pequeños',
  sociodrama: 'Sociodrama',
  historia: 'Historia o caso',
  exposicion: 'Exposición breve',
  juego: 'Juego',
  practica: 'Práctica',
  reflexion: 'Reflexión personal',
  compromiso: 'Compromiso',
  cierre: 'Cierre',
  pausa: 'Pausa',
} as const;

export const topics = {
  genero: 'Género',
  roles: 'Roles y trabajo en el hogar',
  comunicacion: 'Comunicación',
  violencia: 'Violencia contra la mujer',
  ninez: 'Niñez',
  crianza: 'Crianza saludable',
  poder: 'Poder y toma de decisiones',
  autoestima: 'Autoestima',
  derechos: 'Derechos',
  servicios: 'Servicios de ayuda',
  liderazgo: 'Liderazgo',
  movilizacion: 'Movilización comunitaria',
  facilitacion: 'Facilitación',
  autocuidado: 'Autocuidado',
  ahorro: 'Ahorro',
  finanzas: 'Finanzas del hogar',
} as const;

/**
 * Kinds of community mobilisation activity (manual 3). Activity guides name one, and the
 * attendance API records each activity held under one of these, with people reached as counts.
 */
export const activityTypes = {
  radio: 'Spot o programa de radio',
  feria: 'Stand en feria o fiesta',
  sociodrama: 'Sociodrama en la plaza',
  '25-noviembre': 'Acción del 25 de noviembre',
  escuela: 'Charla en la escuela',
  'establecimiento-de-salud': 'Trabajo con el establecimiento de salud',
  autoridades: 'Reunión con autoridades locales',
} as const;

export type ActivityType = keyof typeof activityTypes;
export type Audience = keyof typeof audiences;
export type Method = keyof typeof methods;
export type Topic = keyof typeof topics;

/** zod's enum wants a non-empty tuple; the lists above are never empty. */
export function keysOf<T extends Record<string, string>>(list: T) {
  return Object.keys(list) as [keyof T & string, ...(keyof T & string)[]];
}
