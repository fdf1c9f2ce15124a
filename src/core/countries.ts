// Countries drawn on the map (Natural Earth 1:110m via world-atlas), keyed by ISO 3166-1 alpha-3.
// Kept as compact text because it ships in the study chunk: code|ISO numeric (world-atlas id)|name|aliases.
const TABLE = `
AFG|004|Afghanistan|
ALB|008|Albania|
DZA|012|Algeria|
AGO|024|Angola|
ATA|010|Antarctica|
ARG|032|Argentina|
ARM|051|Armenia|
AUS|036|Australia|
AUT|040|Austria|
AZE|031|Azerbaijan|
BHS|044|Bahamas|
BGD|050|Bangladesh|
BLR|112|Belarus|
BEL|056|Belgium|
BLZ|084|Belize|
BEN|204|Benin|
BTN|064|Bhutan|
BOL|068|Bolivia|
BIH|070|Bosnia and Herzegovina|Bosnia and Herz.
BWA|072|Botswana|
BRA|076|Brazil|
BRN|096|Brunei|Brunei Darussalam
BGR|100|Bulgaria|
BFA|854|Burkina Faso|
BDI|108|Burundi|
KHM|116|Cambodia|
CMR|120|Cameroon|
CAN|124|Canada|
CAF|140|Central African Republic|Central African Rep.
TCD|148|Chad|
CHL|152|Chile|
CHN|156|China|People's Republic of China
COL|170|Colombia|
CRI|188|Costa Rica|
CIV|384|Côte d'Ivoire|Cote d'Ivoire;Ivory Coast
HRV|191|Croatia|
CUB|192|Cuba|
CYP|196|Cyprus|
CZE|203|Czechia|Czech Republic
COD|180|Democratic Republic of the Congo|Dem. Rep. Congo
DNK|208|Denmark|
DJI|262|Djibouti|
DOM|214|Dominican Republic|Dominican Rep.
ECU|218|Ecuador|
EGY|818|Egypt|
SLV|222|El Salvador|
GNQ|226|Equatorial Guinea|Eq. Guinea
ERI|232|Eritrea|
EST|233|Estonia|
SWZ|748|Eswatini|eSwatini
ETH|231|Ethiopia|
FLK|238|Falkland Islands|Falkland Islands (Malvinas);Falkland Is.
FJI|242|Fiji|
FIN|246|Finland|
FRA|250|France|
ATF|260|French Southern Lands|French Southern Territories;Fr. S. Antarctic Lands
GAB|266|Gabon|
GMB|270|Gambia|Republic of The Gambia;The Gambia
GEO|268|Georgia|
DEU|276|Germany|
GHA|288|Ghana|
GRC|300|Greece|
GRL|304|Greenland|
GTM|320|Guatemala|
GIN|324|Guinea|
GNB|624|Guinea-Bissau|
GUY|328|Guyana|
HTI|332|Haiti|
HND|340|Honduras|
HUN|348|Hungary|
ISL|352|Iceland|
IND|356|India|
IDN|360|Indonesia|
IRN|364|Iran|Islamic Republic of Iran
IRQ|368|Iraq|
IRL|372|Ireland|
ISR|376|Israel|
ITA|380|Italy|
JAM|388|Jamaica|
JPN|392|Japan|
JOR|400|Jordan|
KAZ|398|Kazakhstan|
KEN|404|Kenya|
KWT|414|Kuwait|
KGZ|417|Kyrgyzstan|
LAO|418|Laos|Lao People's Democratic Republic
LVA|428|Latvia|
LBN|422|Lebanon|
LSO|426|Lesotho|
LBR|430|Liberia|
LBY|434|Libya|
LTU|440|Lithuania|
LUX|442|Luxembourg|
MDG|450|Madagascar|
MWI|454|Malawi|
MYS|458|Malaysia|
MLI|466|Mali|
MRT|478|Mauritania|
MEX|484|Mexico|
MDA|498|Moldova|Moldova, Republic of
MNG|496|Mongolia|
MNE|499|Montenegro|
MAR|504|Morocco|
MOZ|508|Mozambique|
MMR|104|Myanmar|
NAM|516|Namibia|
NPL|524|Nepal|
NLD|528|Netherlands|The Netherlands;Netherlands (Kingdom of the);Holland
NCL|540|New Caledonia|
NZL|554|New Zealand|
NIC|558|Nicaragua|
NER|562|Niger|
NGA|566|Nigeria|
PRK|408|North Korea|DPRK;Democratic People's Republic of Korea
MKD|807|North Macedonia|The Republic of North Macedonia;Macedonia
NOR|578|Norway|
OMN|512|Oman|
PAK|586|Pakistan|
PSE|275|Palestine|State of Palestine
PAN|591|Panama|
PNG|598|Papua New Guinea|
PRY|600|Paraguay|
PER|604|Peru|
PHL|608|Philippines|
POL|616|Poland|
PRT|620|Portugal|
PRI|630|Puerto Rico|
QAT|634|Qatar|
COG|178|Republic of the Congo|Congo
ROU|642|Romania|
RUS|643|Russia|Russian Federation
RWA|646|Rwanda|
SAU|682|Saudi Arabia|KSA;Kingdom of Saudi Arabia
SEN|686|Senegal|
SRB|688|Serbia|
SLE|694|Sierra Leone|
SVK|703|Slovakia|
SVN|705|Slovenia|
SLB|090|Solomon Islands|Solomon Is.
SOM|706|Somalia|
ZAF|710|South Africa|
KOR|410|South Korea|Korea, Republic of;Republic of Korea;ROK
SSD|728|South Sudan|S. Sudan
ESP|724|Spain|
LKA|144|Sri Lanka|
SDN|729|Sudan|
SUR|740|Suriname|
SWE|752|Sweden|
CHE|756|Switzerland|
SYR|760|Syria|Syrian Arab Republic
TWN|158|Taiwan|Republic of China
TJK|762|Tajikistan|
TZA|834|Tanzania|United Republic of Tanzania
THA|764|Thailand|
TLS|626|Timor-Leste|
TGO|768|Togo|
TTO|780|Trinidad and Tobago|
TUN|788|Tunisia|
TUR|792|Turkey|Türkiye;Turkiye
TKM|795|Turkmenistan|
UGA|800|Uganda|
UKR|804|Ukraine|
ARE|784|United Arab Emirates|UAE;U.A.E.;Emirates
GBR|826|United Kingdom|UK;Great Britain;U.K.;Britain
USA|840|United States|United States of America;USA;U.S.A.;US;U.S.;America
URY|858|Uruguay|
UZB|860|Uzbekistan|
VUT|548|Vanuatu|
VEN|862|Venezuela|
VNM|704|Vietnam|Viet Nam
ESH|732|Western Sahara|W. Sahara
YEM|887|Yemen|
ZMB|894|Zambia|
ZWE|716|Zimbabwe|
`

export interface Country {
  /** ISO 3166-1 alpha-3, as used in deck files. */
  code: string
  /** ISO 3166-1 numeric, the feature id in world-atlas. */
  numeric: string
  name: string
  aliases: readonly string[]
}

let cache: readonly Country[] | undefined
let byCode: Map<string, Country> | undefined

/** Every country on the map, sorted by name. */
export function countries(): readonly Country[] {
  cache ??= TABLE.trim()
    .split('\n')
    .map((line) => {
      const [code = '', numeric = '', name = '', aliases = ''] = line.split('|')
      return { code, numeric, name, aliases: aliases ? aliases.split(';') : [] }
    })
  return cache
}

/** Looks a country up by its alpha-3 code (case-insensitive). */
export function countryByCode(code: string): Country | undefined {
  byCode ??= new Map(countries().map((c) => [c.code, c]))
  return byCode.get(code.toUpperCase())
}

export function isCountryCode(code: string): boolean {
  return countryByCode(code) !== undefined
}

/** Every name and alias of every country: the "known names" a typed country answer must not be. */
export function countryNames(): string[] {
  return countries().flatMap((c) => [c.name, ...c.aliases])
}
