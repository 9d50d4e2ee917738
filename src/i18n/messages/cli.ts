import { defineMessages } from '../define';

/** Messages of the cli area. */
export const cliMessages = defineMessages({}, {});
