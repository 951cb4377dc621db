/**
 * The field app's interface words, in Spanish, the facilitators' language. Kept in one object so
 * they can move into content/i18n/ with Starlight's translation system when the app is translated
 * (the update note's two strings live in register.ts: every page loads that script, not this one);
 * the words for refusals and conflicts are written for a facilitator, not for a programmer.
 */
export const strings = {
  signIn: {
    failed: 'El correo o la contraseña no son correctos.',
    blocked: 'Demasiados intentos. Espera unos minutos y vuelve a intentar.',
    busy: 'El servidor está ocupado. Vuelve a intentar en un momento.',
    offline: 'Para iniciar sesión necesitas señal. Lo ya guardado en el teléfono sigue aquí.',
    signedInAs: (name: string) => `Sesión de ${name}`,
    expired: 'Tu sesión terminó. Vuelve a iniciar sesión para enviar lo guardado.',
    pendingOnSignOut: (n: number) =>
      `Hay ${n} ${n === 1 ? 'asistencia' : 'asistencias'} sin enviar. Quedan guardadas en el ` +
      `teléfono (sin nombres) y se enviarán cuando vuelvas a iniciar sesión. ¿Cerrar sesión?`,
  },
  roster: {
    loading: 'Cargando socias…',
    offlineNoCopy:
      'Sin señal y sin copia de este banco en el teléfono. Ábrelo una vez con señal para llevarlo sin conexión.',
    savedCopy: (when: string) => `Lista guardada en el teléfono el ${when}.`,
    empty: 'Este banco aún no tiene socias registradas.',
    count: (present: number, total: number) => `${present} de ${total} presentes`,
    canCorrect: (until: string) =>
      `Enviada. Puedes corregirla hasta el ${until}: cambia las marcas y toca «Guardar corrección».`,
    sent: 'Enviada. Si hay un error, cambia las marcas y toca «Guardar corrección».',
    windowClosed: (until: string) =>
      `Ya no se puede corregir: el plazo terminó el ${until}. Si hay un error, pide a la administración que la reabra.`,
    opening: 'Abriendo la asistencia ya tomada de esta reunión…',
    onServerOffline: 'Esta reunión ya tiene asistencia en el servidor. Para abrirla y corregirla necesitas señal.',
    unsaved: 'Hay marcas sin guardar.',
  },
  save: {
    done: 'Guardado en el teléfono. Se enviará cuando haya señal.',
    correctionQueued: 'Corrección guardada en el teléfono. Se enviará cuando haya señal.',
    newRollCall: 'Guardar asistencia',
    correction: 'Guardar corrección',
    noChanges: 'No cambiaste ninguna marca.',
    needSession: 'Elige la sesión del manual.',
    needDate: 'Escribe la fecha de la reunión.',
    needRoster: 'Elige un banco con socias.',
  },
  confirm: {
    changes: (n: number, date: string) =>
      `Vas a cambiar ${n} ${n === 1 ? 'marca' : 'marcas'} de la asistencia del ${date}. La lista anterior queda guardada.`,
  },
  steps: {
    legend: '¿Qué pasos hiciste?',
    hint: 'Opcional. Toca cada paso que hiciste hoy. Los pasos clave van primero.',
    core: 'paso clave',
    count: (done: number, total: number) => `${done} de ${total} pasos`,
    changed: 'Vas a cambiar los pasos que hiciste. La lista anterior queda guardada.',
  },
  status: {
    pending: 'guardado en el teléfono',
    sending: 'enviando…',
    sent: 'enviado',
    conflict: 'no enviado: el servidor ya tiene otra versión',
    refused: 'no enviado: el servidor no lo aceptó',
    otherAccount: 'guardado por otra cuenta; se enviará cuando ella inicie sesión',
  },
  sync: {
    offline: 'Sin señal: se enviará solo cuando vuelva la conexión.',
    serverDown: 'El servidor no responde. Se volverá a intentar.',
    signInToSend: 'Inicia sesión para enviar lo guardado.',
    conflict:
      'El servidor ya tiene una asistencia distinta para esta reunión (la misma lista se envió ' +
      'antes con otras marcas). No se cambió nada. Muestra este registro a tu coordinadora.',
    sameMeeting:
      'Esta reunión ya tenía asistencia en el servidor, tomada en otro teléfono. Esta lista no se guardó allí. Abre la del servidor y corrígela si hace falta.',
    openStored: 'Abrir la del servidor',
    versionChanged:
      'Esta asistencia se corrigió en otro teléfono antes de que llegara esta corrección. No se cambió nada. Ábrela otra vez y vuelve a corregirla.',
    windowClosed: (until: string) =>
      `Ya pasó el plazo para corregir esta asistencia (terminó el ${until}). No se cambió ` +
      `nada. Pide a la administración que la reabra y luego toca «Volver a enviar».`,
    sendAgain: 'Volver a enviar',
    futureDate: 'La fecha de la reunión es después de hoy. Corrige la fecha y guarda otra vez.',
    noChange: 'El servidor ya tenía estas marcas: no había nada que cambiar.',
    notYourBank:
      'Este banco ya no figura a tu cargo, así que el servidor no aceptó la lista. Habla con tu coordinadora.',
    unknownSession:
      'El servidor no reconoce esta sesión del manual. Actualiza la página con señal y vuelve a intentar.',
    notMembers: (codes: string[]) =>
      `El servidor no aceptó la lista: ${codes.length === 1 ? 'la socia' : 'las socias'} ${codes.join(', ')} no ` +
      `${codes.length === 1 ? 'está' : 'están'} en el padrón del banco. No se guardó nada en el servidor; el registro sigue en el teléfono.`,
    refused:
      'El servidor no aceptó esta lista y no guardó nada. El registro sigue en el teléfono; muéstralo a tu coordinadora.',
    stepsConflict:
      'El servidor ya tiene esta asistencia con otros pasos marcados. No se cambió nada. Ábrela y corrige los pasos.',
    stepsRefused:
      'El servidor no reconoce un paso marcado: la sesión cambió. Actualiza la página con señal y vuelve a marcar los pasos.',
    discardConfirm: '¿Quitar este registro del teléfono? No se ha enviado y no se podrá recuperar.',
  },
  queue: {
    empty: 'No hay asistencias guardadas en este teléfono.',
    line: (session: string, date: string, bank: string, present: number, total: number) =>
      `${bank} · ${date} · ${session} — ${present} de ${total} presentes`,
    correctionLine: (session: string, date: string, bank: string, changed: number) =>
      `${bank} · ${date} · ${session} — corrección: ${changed} ${changed === 1 ? 'cambio' : 'cambios'}`,
  },
} as const;
