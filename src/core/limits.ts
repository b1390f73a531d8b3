// Request limits shared by the server's schemas and the browser widget, so the widget trims
// and counts exactly as the server checks. Plain numbers: no zod here, the widget imports it.

/** Characters in one question. */
export const maxQuestionLength = 2_000;
/** Earlier turns sent with a question. */
export const maxHistoryTurns = 20;
/** Characters in one earlier turn. */
export const maxTurnLength = 8_000;
/**
 * Characters of the earlier question a follow-up is searched with offline. Questions are short;
 * a longer earlier turn is pasted text, and searching all of it costs time and finds nothing better.
 */
export const maxFollowUpTopicLength = 500;
/** Messages in one /api/chat body: the question and `maxHistoryTurns` turns each way. */
export const maxChatMessages = maxHistoryTurns * 2 + 1;
/** Request bodies over this size get 413 before they are parsed. */
export const maxBodyBytes = 256 * 1024;

/** Citations kept with one feedback record. */
export const maxFeedbackCitations = 30;
/** Characters of the rated answer kept with its feedback. */
export const maxFeedbackAnswerLength = 20_000;
/** Characters in a feedback comment. */
export const maxFeedbackCommentLength = 2_000;
/** Characters of a cited source's title, URL and quote kept with feedback. */
export const maxFeedbackCitationTitleLength = 500;
export const maxFeedbackCitationUrlLength = 2_000;
export const maxFeedbackCitationQuoteLength = 4_000;

/**
 * Paragraphs on one page of a source (`/sources/<docId>?page=<k>`): a 50 MB article would
 * otherwise be one page of tens of megabytes. Links to paragraph n name its page.
 */
export const sourcePageParagraphs = 500;
