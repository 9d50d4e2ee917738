import { defineMessages } from '../define';

/** Messages of the check area. */
export const checkMessages = defineMessages({}, {});
