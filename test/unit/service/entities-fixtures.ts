/** Two reports of one vote that spell the minister differently and disagree on the count; one unrelated story. */
export const LEDGER = `Parliament backs terminal expansion

Minister Dovilė Žemaitytė said on Tuesday that parliament in Vilnius voted 71 to 48 to expand the Klaipėda terminal.
Žemaitytė called the decision vital for the winter.`;
export const NORDPRESS = `Terminal vote passes

Minister Dovile Zemaityte told reporters that parliament in Vilnius voted 69 to 50 to expand the Klaipėda terminal.
The expansion will open on 1 December 2026, the ministry said.`;
export const WEATHER = `Storm in Riga

A storm hit Riga yesterday. Mayor Anna Berzina said the port would reopen next week.`;
