import { defineMessages } from '../define';

/** Messages of the setup area. */
export const setupMessages = defineMessages({}, {});
