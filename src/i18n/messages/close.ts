import { defineMessages } from '../define';

/** Messages of the close area. */
export const closeMessages = defineMessages({}, {});
