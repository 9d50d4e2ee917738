/** pinyin-match's dictionary of common characters: toneless syllable → the characters read so. */
declare module 'pinyin-match/src/simplified_dict.js' {
  export const dict: Readonly<Record<string, string>>;
}
