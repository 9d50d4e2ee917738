/**
 * Data validation rules and their builder.
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation
 *
 * The builder only assembles a value in script memory, so its methods are not counted as
 * service calls (SpreadsheetApp.newDataValidation and Range.setDataValidation are).
 */
export const DataValidationCriteria = {
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  CHECKBOX: 'CHECKBOX',
} as const;

export type CriteriaType = keyof typeof DataValidationCriteria;

export interface ValidationSpec {
  readonly criteria: CriteriaType;
  readonly values: readonly unknown[];
  readonly allowInvalid: boolean;
  readonly helpText: string;
}

/** A built rule: immutable, as in Apps Script. */
export class DataValidation {
  constructor(readonly _spec: ValidationSpec) {}
  getCriteriaType(): CriteriaType {
    return this._spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this._spec.values];
  }
  getAllowInvalid(): boolean {
    return this._spec.allowInvalid;
  }
  getHelpText(): string | null {
    return this._spec.helpText === '' ? null : this._spec.helpText;
  }
  copy(): DataValidationBuilder {
    return new DataValidationBuilder(this._spec);
  }
}

export class DataValidationBuilder {
  private spec: ValidationSpec;

  constructor(spec?: ValidationSpec) {
    this.spec = spec ?? { criteria: 'TEXT_CONTAINS', values: [], allowInvalid: true, helpText: '' };
    this.hasCriteria = spec !== undefined;
  }
  private hasCriteria: boolean;

  private criteria(criteria: CriteriaType, values: unknown[]): this {
    this.spec = { ...this.spec, criteria, values };
    this.hasCriteria = true;
    return this;
  }
  requireValueInList(values: string[], showDropdown = true): this {
    return this.criteria('VALUE_IN_LIST', [[...values], showDropdown]);
  }
  requireValueInRange(range: unknown, showDropdown = true): this {
    return this.criteria('VALUE_IN_RANGE', [range, showDropdown]);
  }
  requireNumberBetween(start: number, end: number): this {
    return this.criteria('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberGreaterThan(number: number): this {
    return this.criteria('NUMBER_GREATER_THAN', [number]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): this {
    return this.criteria('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  requireNumberLessThanOrEqualTo(number: number): this {
    return this.criteria('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  requireDate(): this {
    return this.criteria('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): this {
    return this.criteria('DATE_AFTER', [date]);
  }
  requireDateOnOrAfter(date: Date): this {
    return this.criteria('DATE_ON_OR_AFTER', [date]);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const values =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this.criteria('CHECKBOX', values);
  }
  requireFormulaSatisfied(formula: string): this {
    return this.criteria('CUSTOM_FORMULA', [formula]);
  }
  requireTextIsEmail(): this {
    return this.criteria('TEXT_IS_VALID_EMAIL', []);
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.spec = { ...this.spec, allowInvalid: allowInvalidData };
    return this;
  }
  setHelpText(helpText: string): this {
    this.spec = { ...this.spec, helpText };
    return this;
  }
  getCriteriaType(): CriteriaType {
    return this.spec.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.spec.values];
  }
  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }
  getHelpText(): string | null {
    return this.spec.helpText === '' ? null : this.spec.helpText;
  }
  build(): DataValidation {
    if (!this.hasCriteria)
      throw new Error('You must specify a criteria before building a data validation rule.');
    return new DataValidation(this.spec);
  }
}
