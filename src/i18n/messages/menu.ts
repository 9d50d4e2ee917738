import { defineMessages } from '../define';

/** Messages of the menu area. */
export const menuMessages = defineMessages({}, {});
