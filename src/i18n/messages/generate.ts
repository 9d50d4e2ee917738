import { defineMessages } from '../define';

/** Messages of the generate area. */
export const generateMessages = defineMessages({}, {});
