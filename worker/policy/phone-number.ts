import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * libphonenumber's E.164 form of `text` (`number.number`), or undefined when it finds no number.
 * It differs from `text` when `text` is an alias: a trunk prefix after the country code
 * (`+112125557001` is `+12125557001`, `+4402079460123` is `+442079460123`) spells the same line.
 */
export const canonicalForm = (text: string): string | undefined =>
  parsePhoneNumberFromString(text)?.number;

/** The country calling code (`1`, `44`, `353`) that an international `+digits` string starts with. */
export const callingCodeOf = (digits: string): string | undefined =>
  parsePhoneNumberFromString(`+${digits}`)?.countryCallingCode;
