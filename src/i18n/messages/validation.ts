import { defineMessages } from '../define';

/** Messages of the validation area. */
export const validationMessages = defineMessages({}, {});
