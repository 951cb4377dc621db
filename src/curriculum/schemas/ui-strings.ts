import { z } from 'zod';
import { activityTypes } from './vocabulary.ts';

/**
 * Tejido's own interface strings, added to Starlight's translation system so every language
 * file under content/i18n/ can translate them. Each key is declared here once; the default
 * language's file (es.json) has every one of them, others may leave some out and fall back.
 */
export const uiStringKeysSchema = z.strictObject({
  'tejido.prepare.title': z.string(),
  'tejido.prepare.minutes': z.string(),
  'tejido.prepare.order': z.string(),
  'tejido.prepare.counts': z.string(),
  'tejido.prepare.objectives': z.string(),
  'tejido.prepare.agenda': z.string(),
  'tejido.prepare.materials': z.string(),
  'tejido.prepare.before': z.string(),
  'tejido.prepare.keyMessages': z.string(),
  'tejido.prepare.handouts': z.string(),
  'tejido.prepare.attendance': z.string(),
  'tejido.safety.title': z.string(),
  'tejido.safety.never': z.string(),
  'tejido.safety.referrals': z.string(),
  'tejido.safety.script': z.string(),
  'tejido.safety.scriptHint': z.string(),
  'tejido.safety.plan': z.string(),
  'tejido.safety.planPdf': z.string(),
  'tejido.confidentiality.title': z.string(),
  'tejido.confidentiality.keeps': z.string(),
  'tejido.confidentiality.cannotKeep': z.string(),
  'tejido.confidentiality.mustReport': z.string(),
  'tejido.prepare.day': z.string(),
  'tejido.prepare.activity': z.string(),
  'tejido.prepare.short': z.string(),
  'tejido.prepare.shortIntro': z.string(),
  'tejido.prepare.shortKeep': z.string(),
  'tejido.prepare.shortShorten': z.string(),
  'tejido.prepare.shortDrop': z.string(),
  'tejido.prepare.safetyStep': z.string(),
  'tejido.prepare.largeGroup': z.string(),
  'tejido.prepare.core': z.string(),
  'tejido.prepare.coreSafety': z.string(),
  'tejido.adapted.from': z.string(),
  'tejido.adapted.credits': z.string(),
  /** The link at the top of a violence session's panel down to its safety box (SafetyJump.astro). */
  'tejido.prepare.toSafety': z.string(),
  /** Accessible name of the agenda at a glance on the panel's first screen (AgendaTimeline.astro). */
  'tejido.prepare.timeline': z.string(),
  'tejido.manual.sessions': z.string(),
  'tejido.manual.total': z.string(),
  'tejido.manual.day': z.string(),
  'tejido.manual.schedule': z.string(),
  'tejido.manual.scheduleDay': z.string(),
  'tejido.manual.scheduleHours': z.string(),
  'tejido.manual.scheduleSessions': z.string(),
  'tejido.manual.scheduleMinutes': z.string(),
  'tejido.manual.glossary': z.string(),
  'tejido.programme.manuals': z.string(),
  'tejido.translation.outdatedTitle': z.string(),
  'tejido.translation.outdated': z.string(),
  'tejido.coverage.title': z.string(),
  'tejido.credits.title': z.string(),
  /** Coordinator view, funnel bar: members enrolled in the programme. */
  'tejido.coordinator.enrolled': z.string(),
  /** Coordinator view, funnel bar: members who came to at least one session. */
  'tejido.coordinator.came': z.string(),
  /** Coordinator view, funnel bar: members who completed; `{{min}}` of `{{counted}}` sessions. */
  'tejido.coordinator.completed': z.string(),
  /** The coordinator view's description, for search engines and link previews. */
  'tejido.coordinator.description': z.string(),
  /** Coordinator view, heading of the sign-in form. */
  'tejido.coordinator.signIn': z.string(),
  /** Coordinator view, label of the e-mail field. */
  'tejido.coordinator.email': z.string(),
  /** Coordinator view, label of the password field. */
  'tejido.coordinator.password': z.string(),
  /** Coordinator view, the sign-in form's button. */
  'tejido.coordinator.enter': z.string(),
  /** Coordinator view, button that ends the session. */
  'tejido.coordinator.signOut': z.string(),
  /** Coordinator view, accessible name of the list of programmes to choose from. */
  'tejido.coordinator.programmes': z.string(),
  /** Coordinator view, heading of the funnel chart; `{{programme}}` is its title. */
  'tejido.coordinator.participation': z.string(),
  /** Coordinator view, the funnel chart's accessible title, naming its three bars. */
  'tejido.coordinator.participationChart': z.string(),
  /** Coordinator view, heading of the chart of people reached by mobilisation. */
  'tejido.coordinator.reached': z.string(),
  /** Coordinator view, under that heading: the months it covers (`{{from}}`, `{{to}}`: month and year). */
  'tejido.coordinator.reachedPeriod': z.string(),
  /** Coordinator view, the mobilisation chart's accessible title. */
  'tejido.coordinator.reachedChart': z.string(),
  /** Coordinator view, link to the office's figures per community bank. */
  'tejido.coordinator.officeLink': z.string(),
  /** Coordinator view, after that link: what the office page has. */
  'tejido.coordinator.officeLinkNote': z.string(),
  /** Coordinator view, shown instead of a figure kept hidden (small-cell suppression), in a chart. */
  'tejido.coordinator.hidden': z.string(),
  /** Coordinator view, explains hidden figures; `{{hideUpTo}}` is the largest count kept hidden. */
  'tejido.coordinator.hiddenNote': z.string(),
  /** Coordinator view, shown when signed in but the curriculum has no programme to count. */
  'tejido.coordinator.noProgramme': z.string(),
  /** Coordinator view, sign-in refusal: the form was posted from another site. */
  'tejido.coordinator.refusal.foreign_origin': z.string(),
  /** Coordinator view, sign-in refusal: the form could not be read. */
  'tejido.coordinator.refusal.unreadable': z.string(),
  /** Coordinator view, sign-in refusal: wrong e-mail or password (never says which). */
  'tejido.coordinator.refusal.wrong_credentials': z.string(),
  /** Coordinator view, sign-in refusal: too many attempts. */
  'tejido.coordinator.refusal.rate_limited': z.string(),
  /** Coordinator view, sign-in refusal: the server is busy. */
  'tejido.coordinator.refusal.server_busy': z.string(),
  'tejido.facet.programme': z.string(),
  'tejido.facet.manual': z.string(),
  'tejido.facet.audience': z.string(),
  'tejido.facet.topic': z.string(),
  'tejido.facet.length': z.string(),
  'tejido.facet.language': z.string(),
  'tejido.notFound.title': z.string(),
  'tejido.notFound.heading': z.string(),
  'tejido.notFound.tagline': z.string(),
  'tejido.notFound.home': z.string(),
  'tejido.credits.description': z.string(),
  'tejido.credits.intro': z.string(),
  'tejido.credits.original': z.string(),
  'tejido.credits.adaptation': z.string(),
  'tejido.credits.changes': z.string(),
  'tejido.credits.licence': z.string(),
  'tejido.coverage.description': z.string(),
  'tejido.coverage.intro': z.string(),
  'tejido.coverage.translated': z.string(),
  'tejido.coverage.outdated': z.string(),
  'tejido.coverage.missing': z.string(),
  'tejido.coverage.summary': z.string(),
  'tejido.coverage.page': z.string(),
  'tejido.coverage.state': z.string(),
  'tejido.sidebar.search': z.string(),
  /** The one sidebar link that stands for every other programme, when there are more than a few (to the home page). */
  'tejido.sidebar.allProgrammes': z.string(),
  'tejido.sidebar.presentation': z.string(),
  'tejido.sidebar.howToUse': z.string(),
  'tejido.sidebar.organisations': z.string(),
  'tejido.sidebar.adapt': z.string(),
  'tejido.sidebar.addLanguage': z.string(),
  'tejido.sidebar.attendanceSetup': z.string(),
  'tejido.sidebar.server': z.string(),
  'tejido.sidebar.coverage': z.string(),
  'tejido.sidebar.adaptations': z.string(),
  'tejido.sidebar.credits': z.string(),
  'tejido.sidebar.catalog': z.string(),
  'tejido.sidebar.field': z.string(),
  'tejido.sidebar.attendance': z.string(),
  'tejido.sidebar.coordination': z.string(),
  'tejido.sidebar.office': z.string(),
  'tejido.spanishOnly.title': z.string(),
  'tejido.spanishOnly.note': z.string(),
  'tejido.spanishOnly.open': z.string(),
  'tejido.print.links': z.string(),
  'tejido.print.card': z.string(),
  'tejido.aids.title': z.string(),
  'tejido.aids.pdf': z.string(),
  'tejido.aids.instead': z.string(),
  'tejido.aids.cut': z.string(),
  'tejido.aids.kind.cards': z.string(),
  'tejido.aids.kind.sign': z.string(),
  'tejido.aids.kind.poster': z.string(),
  'tejido.aids.kind.pictograms': z.string(),
  'tejido.print.book': z.string(),
  'tejido.print.bookLetter': z.string(),
  'tejido.print.handout': z.string(),
  'tejido.print.contents': z.string(),
  'tejido.print.introduction': z.string(),
  'tejido.print.annexes': z.string(),
  'tejido.print.directory': z.string(),
  // English PDFs (issue 15): a translated page links its language's PDFs, or the source's with a "…Source" label.
  /** A translated session page's card link when the card is printed only in the source language. */
  'tejido.print.cardSource': z.string(),
  /** A translated page's A4 book link when the book is printed only in the source language. */
  'tejido.print.bookSource': z.string(),
  /** The same for the US Letter book. */
  'tejido.print.bookLetterSource': z.string(),
  /** The same for the manual's "where to get help" sheet. */
  'tejido.print.handoutSource': z.string(),
  /** A handout page's PDF link; `{{title}}` is the handout's title. */
  'tejido.print.material': z.string(),
  /** The same when that handout is printed only in the source language. */
  'tejido.print.materialSource': z.string(),
  /** The safety box's link to the safety-plan sheet when it is printed only in the source language. */
  'tejido.safety.planPdfSource': z.string(),
  /** JSON-LD `learningResourceType` of a community activity guide (src/catalog/json-ld.ts). */
  'tejido.jsonLd.activity': z.string(),
  /** JSON-LD `learningResourceType` of a workshop session. */
  'tejido.jsonLd.session': z.string(),
  /** /creditos/: heading of the sessions adapted from another organisation's curriculum. */
  'tejido.credits.upstreamTitle': z.string(),
  /** One adapted session's line; `{{title}}`, `{{version}}`, `{{organisation}}`, `{{licence}}` are the upstream's. */
  'tejido.credits.upstream': z.string(),
  'tejido.print.version': z.string(),
  'tejido.print.reviewed': z.string(),
  'tejido.print.credits': z.string(),
  'tejido.print.publisher': z.string(),
  'tejido.print.licence': z.string(),
  'tejido.print.licenceText': z.string(),
  'tejido.print.cite': z.string(),
  'tejido.print.citation': z.string(),
  'tejido.print.online': z.string(),
  'tejido.print.contact': z.string(),
  'tejido.help.title': z.string(),
  'tejido.help.intro': z.string(),
  'tejido.help.hours': z.string(),
  'tejido.help.cost': z.string(),
  'tejido.help.keep': z.string(),
  'tejido.locality.label': z.string(),
  'tejido.locality.none': z.string(),
  'tejido.locality.hint': z.string(),
  'tejido.locality.sheet': z.string(),
  'tejido.locality.local': z.string(),
  'tejido.locality.national': z.string(),
  'tejido.locality.phone': z.string(),
  'tejido.locality.travel': z.string(),
  'tejido.locality.fare': z.string(),
  'tejido.locality.languages': z.string(),
  'tejido.help.districtTitle': z.string(),
  'tejido.search.title': z.string(),
  'tejido.search.description': z.string(),
  'tejido.search.label': z.string(),
  'tejido.search.placeholder': z.string(),
  'tejido.search.filters': z.string(),
  'tejido.search.clear': z.string(),
  'tejido.search.loading': z.string(),
  'tejido.search.countOne': z.string(),
  'tejido.search.countOther': z.string(),
  'tejido.search.none': z.string(),
  'tejido.search.more': z.string(),
  'tejido.search.error': z.string(),
  'tejido.search.noscript': z.string(),
  'tejido.search.tooShort': z.string(),
  'tejido.search.didYouMean': z.string(),
  /** Label of the button that saves a programme on the phone. */
  'tejido.offline.save': z.string(),
  /** Size of the download before saving; `{{size}}` is e.g. "1,2 MB". */
  'tejido.offline.size': z.string(),
  /** While downloading; `{{done}}` and `{{total}}` are sizes. */
  'tejido.offline.saving': z.string(),
  /** Once saved; `{{size}}` is what it took. */
  'tejido.offline.saved': z.string(),
  /** A download cut short (closed page, lost signal). */
  'tejido.offline.partial': z.string(),
  /** Without signal, for a programme not saved. */
  'tejido.offline.notSavedOffline': z.string(),
  /** The download failed. */
  'tejido.offline.failed': z.string(),
  /** After "Quitar". */
  'tejido.offline.removed': z.string(),
  /** Label of the button that deletes the saved copy. */
  'tejido.offline.remove': z.string(),
  /** On the programme's page: what saving does; `{{programme}}` is its title. */
  'tejido.offline.about': z.string(),
  /** On a translated page: the copy keeps the pages in the default language. */
  'tejido.offline.language': z.string(),
  /** Title of the page shown offline for a page that is not saved. */
  'tejido.offline.pageTitle': z.string(),
  /** Its first line. */
  'tejido.offline.pageNotSaved': z.string(),
  /** Heading of the list of saved programmes. */
  'tejido.offline.pageSaved': z.string(),
  /** When nothing is saved yet. */
  'tejido.offline.pageNothing': z.string(),
  /** Link to the attendance screen, which works without signal. */
  'tejido.offline.pageAttendance': z.string(),
  // The field app (src/field-app/). `page.*` keys are written into the attendance screen's markup,
  // `update.*` into the script every page loads (update-note.ts); every other `tejido.field.*` key
  // goes to the attendance screen's script, in the page (attendance/words.ts).
  /** The attendance screen's title (and the browser tab's). */
  'tejido.field.page.title': z.string(),
  /** The attendance screen's description, for search engines and link previews. */
  'tejido.field.page.description': z.string(),
  /** Heading of the sign-in form. */
  'tejido.field.page.signIn': z.string(),
  /** Label of the e-mail field. */
  'tejido.field.page.email': z.string(),
  /** Label of the password field. */
  'tejido.field.page.password': z.string(),
  /** The sign-in form's button. */
  'tejido.field.page.enter': z.string(),
  /** Button that signs out on this phone. */
  'tejido.field.page.signOut': z.string(),
  /** Shown to a coordinator or an admin; the coordinator view's link follows it. */
  'tejido.field.page.roleNote': z.string(),
  /** The link to the coordinator view after the role note. */
  'tejido.field.page.roleLink': z.string(),
  /** Label of the bank list. */
  'tejido.field.page.bank': z.string(),
  /** Label of the session list. */
  'tejido.field.page.session': z.string(),
  /** First, empty choice of the session list. */
  'tejido.field.page.chooseSession': z.string(),
  /** Label of the meeting's date. */
  'tejido.field.page.date': z.string(),
  /** Button that marks every member present. */
  'tejido.field.page.allPresent': z.string(),
  /** How to take the roll call, under the list of members. */
  'tejido.field.page.hint': z.string(),
  /** Checkbox: print the paper list with the members' names. */
  'tejido.field.page.withNames': z.string(),
  /** Button that prints the paper list. */
  'tejido.field.page.print': z.string(),
  /** Heading of the list of the session's steps. */
  'tejido.field.page.stepsLegend': z.string(),
  /** How to use the list of steps. */
  'tejido.field.page.stepsHint': z.string(),
  /** The tag on a core step. */
  'tejido.field.page.coreStep': z.string(),
  /** Title of the question before a correction is saved. */
  'tejido.field.page.correctTitle': z.string(),
  /** Button that leaves a correction unsaved. */
  'tejido.field.page.back': z.string(),
  /** Button that saves a correction. */
  'tejido.field.page.confirmCorrection': z.string(),
  /** Heading of the list of roll calls kept on the phone. */
  'tejido.field.page.saved': z.string(),
  /** Button that sends what waits on the phone. */
  'tejido.field.page.sendNow': z.string(),
  /** Button that deletes a refused roll call from the phone. */
  'tejido.field.page.discard': z.string(),
  /** Title of the printed paper list. */
  'tejido.field.page.paperTitle': z.string(),
  /** Paper list column: the row number. */
  'tejido.field.page.paperNumber': z.string(),
  /** Paper list column: the member's code. */
  'tejido.field.page.paperCode': z.string(),
  /** Paper list column: the member's name. */
  'tejido.field.page.paperName': z.string(),
  /** Paper list column: a blank box to tick. */
  'tejido.field.page.paperCame': z.string(),
  /** Sign-in refused: wrong e-mail or password. */
  'tejido.field.signIn.failed': z.string(),
  /** Sign-in refused: too many tries. */
  'tejido.field.signIn.blocked': z.string(),
  /** Sign-in refused: the server is busy. */
  'tejido.field.signIn.busy': z.string(),
  /** Sign-in without signal. */
  'tejido.field.signIn.offline': z.string(),
  /** Who is signed in; `{{name}}` is her name. */
  'tejido.field.signIn.signedInAs': z.string(),
  /** The server no longer accepts the sign-in. */
  'tejido.field.signIn.expired': z.string(),
  /** Question before signing out with one roll call unsent. */
  'tejido.field.signIn.pendingOnSignOutOne': z.string(),
  /** The same with `{{count}}` roll calls unsent. */
  'tejido.field.signIn.pendingOnSignOutOther': z.string(),
  /** While the bank's members load. */
  'tejido.field.roster.loading': z.string(),
  /** No signal and no saved list of the bank. */
  'tejido.field.roster.offlineNoCopy': z.string(),
  /** The list shown is the phone's copy; `{{when}}` is its date and time. */
  'tejido.field.roster.savedCopy': z.string(),
  /** A bank without members. */
  'tejido.field.roster.empty': z.string(),
  /** The count beside the save button. */
  'tejido.field.roster.count': z.string(),
  /** A roll call sent, open to correction until `{{until}}`. */
  'tejido.field.roster.canCorrect': z.string(),
  /** A roll call sent, with no end date known. */
  'tejido.field.roster.sent': z.string(),
  /** A roll call whose time to correct ended on `{{until}}`. */
  'tejido.field.roster.windowClosed': z.string(),
  /** While the roll call already taken is read. */
  'tejido.field.roster.opening': z.string(),
  /** A roll call on the server, and no signal to open it. */
  'tejido.field.roster.onServerOffline': z.string(),
  /** Marks changed and not saved yet. */
  'tejido.field.roster.unsaved': z.string(),
  /** A roll call saved on the phone. */
  'tejido.field.save.done': z.string(),
  /** A correction saved on the phone. */
  'tejido.field.save.correctionQueued': z.string(),
  /** The save button for a new roll call. */
  'tejido.field.save.newRollCall': z.string(),
  /** The save button for a roll call already taken. */
  'tejido.field.save.correction': z.string(),
  /** Save tapped on a correction with nothing changed. */
  'tejido.field.save.noChanges': z.string(),
  /** Save tapped without a session. */
  'tejido.field.save.needSession': z.string(),
  /** Save tapped without a date. */
  'tejido.field.save.needDate': z.string(),
  /** Save tapped without a bank's members. */
  'tejido.field.save.needRoster': z.string(),
  /** The question before a correction of one mark; `{{date}}` is the meeting's. */
  'tejido.field.confirm.changesOne': z.string(),
  /** The same for `{{count}}` marks. */
  'tejido.field.confirm.changesOther': z.string(),
  /** How many steps are ticked. */
  'tejido.field.steps.count': z.string(),
  /** The question before a correction of the steps alone. */
  'tejido.field.steps.changed': z.string(),
  /** A queued roll call not sent yet. */
  'tejido.field.status.pending': z.string(),
  /** A queued roll call the server has. */
  'tejido.field.status.sent': z.string(),
  /** A queued roll call in conflict with the server's. */
  'tejido.field.status.conflict': z.string(),
  /** A queued roll call the server refused. */
  'tejido.field.status.refused': z.string(),
  /** A roll call another facilitator saved on this phone. */
  'tejido.field.status.otherAccount': z.string(),
  /** Sending waits for signal. */
  'tejido.field.sync.offline': z.string(),
  /** The server did not answer. */
  'tejido.field.sync.serverDown': z.string(),
  /** Something waits and nobody is signed in. */
  'tejido.field.sync.signInToSend': z.string(),
  /** The same roll call was sent before with other marks. */
  'tejido.field.sync.conflict': z.string(),
  /** Another phone took this meeting's roll call first. */
  'tejido.field.sync.sameMeeting': z.string(),
  /** Button that opens the server's roll call of the meeting. */
  'tejido.field.sync.openStored': z.string(),
  /** A correction based on an older version. */
  'tejido.field.sync.versionChanged': z.string(),
  /** A correction that came after its time; `{{until}}` is the last day. */
  'tejido.field.sync.windowClosed': z.string(),
  /** Button that sends a refused correction again. */
  'tejido.field.sync.sendAgain': z.string(),
  /** The server refused a date after today. */
  'tejido.field.sync.futureDate': z.string(),
  /** A correction that changed nothing. */
  'tejido.field.sync.noChange': z.string(),
  /** The bank is no longer the facilitator's. */
  'tejido.field.sync.notYourBank': z.string(),
  /** The server does not know the session. */
  'tejido.field.sync.unknownSession': z.string(),
  /** One member unknown to the server; `{{codes}}` is her code. */
  'tejido.field.sync.notMembersOne': z.string(),
  /** Several members unknown to the server; `{{codes}}` are their codes. */
  'tejido.field.sync.notMembersOther': z.string(),
  /** Any other refusal. */
  'tejido.field.sync.refused': z.string(),
  /** The same roll call sent before with other steps. */
  'tejido.field.sync.stepsConflict': z.string(),
  /** A step the server does not know. */
  'tejido.field.sync.stepsRefused': z.string(),
  /** The question before a refused record is deleted. */
  'tejido.field.sync.discardConfirm': z.string(),
  /** The phone keeps no roll call. */
  'tejido.field.queue.empty': z.string(),
  /** A queued roll call: bank code, date, session, count. */
  'tejido.field.queue.line': z.string(),
  /** A queued correction of one mark. */
  'tejido.field.queue.correctionLineOne': z.string(),
  /** A queued correction of `{{count}}` marks. */
  'tejido.field.queue.correctionLineOther': z.string(),
  /** The note on every page when a new version of the site is downloaded (register.ts, via update-note.ts). */
  'tejido.field.update.text': z.string(),
  /** Its button: take the new version now. */
  'tejido.field.update.reload': z.string(),
});

/** One of Tejido's interface strings, e.g. `tejido.prepare.title`. */
export type UiStringKey = keyof z.output<typeof uiStringKeysSchema>;

/**
 * The closed lists whose values a language file may label, by the kind named in the key. Only the
 * activity types: audiences, methods and topics carry their labels in content/vocabulary.yaml.
 */
export const labelledLists = { activity: activityTypes } as const;

/**
 * The label keys a language file may carry: `tejido.<kind>.<value>` for each value of each closed
 * list (tejido.activity.radio, …; astro/labels.ts reads them). Built
 * from the lists, not a catch-all, so a misspelt kind or value is refused like any other key.
 */
export const labelKeys = Object.entries(labelledLists).flatMap(([kind, list]) =>
  Object.keys(list).map((value) => `tejido.${kind}.${value}`),
);

/** Translations of closed-list labels: optional, one field per value. */
const labelsSchema = z.strictObject(Object.fromEntries(labelKeys.map((key) => [key, z.string().optional()])));

/**
 * A language file's Tejido strings: every key optional (a language may fall back), no key that is
 * not declared above. Starlight's own keys are added by content.config.ts (Starlight's i18nSchema).
 */
export const uiStringsSchema = z.strictObject({ ...uiStringKeysSchema.partial().shape, ...labelsSchema.shape });
