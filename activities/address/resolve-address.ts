/**
 * ADDRESS_UNKNOWN_LOCATION (docs/domain.md §3): finds province, city/municipality
 * and barangay in the PSGC data, top-down, because names repeat: "San Jose" is
 * a municipality in many provinces and "San Antonio" a barangay in hundreds of
 * cities. Missing fields (ADDRESS_INCOMPLETE) and the postal code are checked
 * elsewhere: a missing field gives no issue here, only `ok: false`.
 *
 * The optional `region` field is ignored: province, city and barangay fix the
 * place, and people name regions in too many ways (Region VII, Central
 * Visayas, 7) to reject an order over it. The region in the result comes from
 * the PSGC data.
 */
import { barangayKey, cityKey, placeKey } from './normalize-place';
import { getPsgcIndex, type Barangay, type City, type CityScope, type ProvinceScope, type PsgcIndex } from './psgc-index';

import type { IslandGroup } from '../../domain/rules-config';
export type { IslandGroup };

export interface AddressInput {
  barangay?: string;
  city?: string;
  province?: string;
  region?: string;
  postalCode?: string;
}

export interface AddressIssue {
  code: 'ADDRESS_UNKNOWN_LOCATION';
  field: string;
  message: string;
  suggestions: string[];
}

export type AddressResolution =
  | {
      ok: true;
      psgc: { region: string; province: string | null; city: string; barangay: string };
      islandGroup: IslandGroup;
      names: { region: string; province: string; city: string; barangay: string };
    }
  | { ok: false; issues: AddressIssue[]; islandGroup: IslandGroup | null };

const MAX_SUGGESTIONS = 3;

/** By the region part (RR) of a PSGC code. */
const ISLAND_GROUP_BY_REGION: Record<string, IslandGroup> = {
  '13': 'metro_manila',
  '01': 'luzon', // Ilocos
  '02': 'luzon', // Cagayan Valley
  '03': 'luzon', // Central Luzon
  '04': 'luzon', // CALABARZON
  '05': 'luzon', // Bicol
  '14': 'luzon', // CAR
  '17': 'luzon', // MIMAROPA
  '06': 'visayas', // Western Visayas
  '07': 'visayas', // Central Visayas
  '08': 'visayas', // Eastern Visayas
  '18': 'visayas', // Negros Island Region
  '09': 'mindanao', // Zamboanga Peninsula
  '10': 'mindanao', // Northern Mindanao
  '11': 'mindanao', // Davao
  '12': 'mindanao', // SOCCSKSARGEN
  '16': 'mindanao', // Caraga
  '19': 'mindanao', // BARMM
};

function islandGroupOf(regionCode: string): IslandGroup {
  return ISLAND_GROUP_BY_REGION[regionCode.slice(0, 2)];
}

/** A city as written: `city` is the city itself, `area` the city or the Manila district named. */
interface CityMatch {
  city: City;
  area: City;
}

function findProvince(index: PsgcIndex, raw: string): ProvinceScope | undefined {
  const found = index.provincesByKey.get(placeKey(raw));
  if (found) return found;
  // "Davao City" written as the province: only when the word City is there,
  // so "Davao" alone is not taken for Davao del Sur.
  const key = cityKey(raw);
  return key === placeKey(raw) ? undefined : index.provincesByIndependentCity.get(key);
}

/**
 * Every match of a city name in a scope: a city or municipality, else a Manila
 * district ("Tondo"), else "District, City" ("Sampaloc, Manila").
 */
function findCities(scope: CityScope, raw: string): CityMatch[] {
  const key = cityKey(raw);
  const cities = scope.citiesByKey.get(key);
  if (cities) return cities.map((city) => ({ city, area: city }));
  const districts = scope.districtsByKey.get(key);
  if (districts) return districts.map((area) => ({ city: area.parent ?? area, area }));
  const [district, city, ...rest] = raw.split(',');
  if (city === undefined || rest.length > 0) return [];
  const parents = scope.citiesByKey.get(cityKey(city)) ?? [];
  const inDistrict = scope.districtsByKey.get(cityKey(district)) ?? [];
  return inDistrict.filter((d) => d.parent && parents.includes(d.parent)).map((area) => ({ city: area.parent ?? area, area }));
}

function findBarangays(area: City, raw: string): Barangay[] {
  const key = barangayKey(raw);
  return area.barangaysByKey.get(key) ?? area.barangaysByAlias.get(key) ?? [];
}

/** Edit distance (insertions, deletions, substitutions), one row at a time. */
function levenshtein(a: string, b: string): number {
  const row = new Int32Array(b.length + 1).map((_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The closest names by key: names containing the key written or contained in
 * it first ("Manila" -> "Metro Manila"), then by edit distance ("Poblacon" -> "Poblacion").
 */
function closest(wanted: string, places: { name: string; key: string }[], first: string[] = []): string[] {
  const ranked = places
    .map(({ name, key }) => ({ name, contains: key.includes(wanted) || wanted.includes(key), distance: levenshtein(wanted, key) }))
    // Plain < as the tie-break: localeCompare is slow enough to show over 1,700 cities.
    .sort((a, b) => Number(b.contains) - Number(a.contains) || a.distance - b.distance || (a.name < b.name ? -1 : 1))
    .map((c) => c.name);
  return [...new Set([...first, ...ranked])].slice(0, MAX_SUGGESTIONS);
}

function issue(field: string, message: string, suggestions: string[]): AddressIssue {
  return { code: 'ADDRESS_UNKNOWN_LOCATION', field: `shippingAddress.${field}`, message, suggestions };
}

/** The cities of a scope and their districts, for suggestions. */
function citiesAndDistricts(scope: CityScope): City[] {
  return scope.cities.flatMap((c) => [c, ...c.districts]);
}

/** Trimmed value, or undefined when missing or blank (reported as ADDRESS_INCOMPLETE elsewhere). */
function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The city within the province; without a known province, in the whole
 * country, so that its barangay can still be checked when the name is unique
 * (and a name found in several provinces gives no issue: the province decides).
 */
function resolveCity(index: PsgcIndex, province: ProvinceScope | undefined, raw: string): { match?: CityMatch; issue?: AddressIssue } {
  const matches = findCities(province ?? index.nation, raw);
  if (matches.length === 1) return { match: matches[0] };
  if (!province) {
    if (matches.length > 1) return {};
    return { issue: issue('city', `Unknown city or municipality "${raw}".`, closest(cityKey(raw), citiesAndDistricts(index.nation))) };
  }
  if (matches.length > 1) {
    const names = matches.map((m) => m.area.name).slice(0, MAX_SUGGESTIONS);
    return { issue: issue('city', `"${raw}" matches several places in ${province.name}.`, names) };
  }
  const elsewhere = findCities(index.nation, raw);
  const where = elsewhere.length === 1 ? index.provinceOf.get(elsewhere[0].city.code) : undefined;
  const also = where ? ` (it is in ${where.name})` : '';
  const message = `"${raw}" is not a city or municipality of ${province.name}${also}.`;
  return { issue: issue('city', message, closest(cityKey(raw), citiesAndDistricts(province))) };
}

function unknownProvince(index: PsgcIndex, raw: string, match: CityMatch | undefined): AddressIssue {
  // The province of a city that was found is the likeliest fix ("Manila" -> "Metro Manila").
  const ofCity = match ? index.provinceOf.get(match.city.code) : undefined;
  return issue('province', `Unknown province "${raw}".`, closest(placeKey(raw), index.provinces, ofCity ? [ofCity.name] : []));
}

function resolveBarangay(match: CityMatch, raw: string): { barangay?: Barangay; issue?: AddressIssue } {
  let found = findBarangays(match.area, raw);
  // Manila's districts as people know them do not follow the PSGC's (Santa
  // Mesa is part of Sampaloc, San Andres Bukid of Santa Ana), and its barangay
  // numbers are unique in the city: fall back to the whole city.
  if (found.length === 0 && match.area.parent) found = findBarangays(match.area.parent, raw);
  if (found.length === 1) return { barangay: found[0] };
  const where = match.city.name;
  if (found.length > 1) {
    const names = found.map((b) => b.name).slice(0, MAX_SUGGESTIONS);
    return { issue: issue('barangay', `"${raw}" matches several barangays of ${where}.`, names) };
  }
  return { issue: issue('barangay', `"${raw}" is not a barangay of ${where}.`, closest(barangayKey(raw), match.area.barangays)) };
}

export function resolveAddress(input: AddressInput): AddressResolution {
  const index = getPsgcIndex();
  const provinceRaw = given(input.province);
  const cityRaw = given(input.city);
  const barangayRaw = given(input.barangay);

  const province = provinceRaw === undefined ? undefined : findProvince(index, provinceRaw);
  const { match, issue: cityIssue } = cityRaw === undefined ? {} : resolveCity(index, province, cityRaw);
  const provinceIssue = provinceRaw !== undefined && !province ? unknownProvince(index, provinceRaw, match) : undefined;
  const { barangay, issue: barangayIssue } = match && barangayRaw !== undefined ? resolveBarangay(match, barangayRaw) : {};
  const issues = [provinceIssue, cityIssue, barangayIssue].filter((i): i is AddressIssue => i !== undefined);

  if (!province || !match || !barangay || issues.length > 0) {
    const regionCode = match?.city.regionCode ?? province?.regionCode;
    return { ok: false, issues, islandGroup: regionCode === undefined ? null : islandGroupOf(regionCode) };
  }
  const { city } = match;
  return {
    ok: true,
    // Manila's districts are not cities: the city is the City of Manila. NCR
    // and independent cities are in no PSGC province (null), though their
    // names.province is the one written ("Metro Manila", "Cebu").
    psgc: { region: city.regionCode, province: city.provinceCode, city: city.code, barangay: barangay.code },
    islandGroup: islandGroupOf(city.regionCode),
    names: { region: index.regionNames.get(city.regionCode) ?? '', province: province.name, city: city.name, barangay: barangay.name },
  };
}
