/** Passwords of 12 characters or more that attackers try first (Dutch and international lists); refused whatever their case. */

const COMMON = [
	'123456789012',
	'1234567890123',
	'12345678901234',
	'123456123456',
	'123123123123',
	'111111111111',
	'000000000000',
	'qwertyuiopas',
	'qwertyuiop123',
	'qwerty123456',
	'qwertyqwerty',
	'azertyuiop12',
	'asdfghjkl123',
	'1q2w3e4r5t6y',
	'1qaz2wsx3edc',
	'password1234',
	'password12345',
	'password123!',
	'passwordpassword',
	'iloveyou1234',
	'letmein12345',
	'welcome12345',
	'welcome123!@',
	'administrator',
	'administrator1',
	'wachtwoord12',
	'wachtwoord123',
	'wachtwoord1234',
	'wachtwoord123!',
	'wachtwoordwachtwoord',
	'welkom123456',
	'welkom12345!',
	'welkomwelkom',
	'geheim123456',
	'gemeente1234',
	'gemeente2024',
	'gemeente2025',
	'gemeente2026',
	'systeemleren',
	'systeemleren1',
	'systeemleren123',
	'portaal12345',
	'voorjaar2026!',
	'zomer2026!!!',
	'najaar2026!!',
	'winter2026!!',
	'januari2026!',
	'december2025',
	'correcthorsebatterystaple',
	'trustno1trustno1'
];

const LIST = new Set(COMMON);

/** True for a listed password, and for one character or one short run repeated (`aaaaaaaaaaaa`, `abcabcabcabc`). */
export function isCommonPassword(password: string): boolean {
	const lower = password.toLowerCase();
	if (LIST.has(lower)) return true;
	return /^(.{1,4})\1+$/.test(lower);
}
