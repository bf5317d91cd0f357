// Amounts of the till reports come from the core in integer minor units;
// screens show them through the shop's money format, which reads decimal
// strings. This only writes the digits with the currency's decimal point.

/** `minor` (e.g. -1234) as a decimal string with `exponent` digits ("-12.34"). */
export function fromMinor(minor: number, exponent: number): string {
	const sign = minor < 0 ? '-' : '';
	const digits = Math.abs(Math.trunc(minor)).toString().padStart(exponent + 1, '0');
	if (exponent === 0) return sign + digits;
	return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
