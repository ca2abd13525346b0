/**
 * In-memory index of the Philippine Standard Geographic Code (PSGC) data in
 * @aivangogh/ph-address, built once on first use.
 *
 * The library only lists municipalities by their `provinceCode`, and that code
 * is not always a province: NCR cities carry the region code (1300000000),
 * independent cities (Cebu City, Davao City, ...) carry their own code, the
 * City of Manila's districts carry Manila's code. So every possible
 * province-level code RRPPP00000 is asked for (a map look-up in the library),
 * and the hierarchy is rebuilt from the 10-digit codes
 * (region RR00000000, province RRPPP00000, city RRPPPMM000, barangay RRPPPMMBBB).
 */
import {
  getAllProvinces,
  getAllRegions,
  getBarangaysByMunicipality,
  getMunicipalitiesByProvince,
} from '@aivangogh/ph-address';
import { barangayKeys, cityKey, placeKey } from './normalize-place';

/** `key` fields hold the normalised name (normalize-place), kept for ranking suggestions. */
export interface Barangay {
  code: string;
  name: string;
  key: string;
}

export interface City {
  code: string;
  name: string;
  key: string;
  regionCode: string;
  /** The PSGC province; null for NCR cities, independent cities and Manila's districts. */
  provinceCode: string | null;
  /** All barangays, for the City of Manila those of all its districts. */
  barangays: Barangay[];
  /** By barangayKey of the full name; never more than one per key in this data. */
  barangaysByKey: Map<string, Barangay[]>;
  /** By the looser alias keys of barangayKeys; may hold several barangays per key. */
  barangaysByAlias: Map<string, Barangay[]>;
  /** Sub-municipalities (only the City of Manila has them: Tondo I/II, Sampaloc, ...). */
  districts: City[];
  /** For a district, the city it is part of. */
  parent: City | null;
}

/** Cities and districts that can be looked up by name together. */
export interface CityScope {
  cities: City[];
  citiesByKey: Map<string, City[]>;
  districtsByKey: Map<string, City[]>;
}

/** A province as people write it: its own cities plus the independent cities inside it. */
export interface ProvinceScope extends CityScope {
  /** PSGC province code; null for Metro Manila, which has no province. */
  code: string | null;
  name: string;
  key: string;
  regionCode: string;
}

export interface PsgcIndex {
  regionNames: Map<string, string>;
  provinces: ProvinceScope[];
  provincesByKey: Map<string, ProvinceScope>;
  /** By cityKey, the province scope of each place in GEOGRAPHIC_PROVINCE, for "Davao City" written as a province. */
  provincesByIndependentCity: Map<string, ProvinceScope>;
  /** Every city, municipality and district in the country. */
  nation: CityScope;
  /** The province scope each city is in, by city code. */
  provinceOf: Map<string, ProvinceScope>;
}

const NCR_CODE = '1300000000';

/**
 * Geographic province of the places whose PSGC `provinceCode` is not a province
 * (independent cities; Isabela City; BARMM's Special Geographic Area, carved out
 * of Cotabato): people write "Cebu City, Cebu", "Baguio, Benguet". Keyed by
 * that `provinceCode`.
 */
const GEOGRAPHIC_PROVINCE: Record<string, string> = {
  '0330100000': '0305400000', // Angeles City -> Pampanga
  '0331400000': '0307100000', // Olongapo City -> Zambales
  '0431200000': '0405600000', // Lucena City -> Quezon
  '0631000000': '0603000000', // Iloilo City -> Iloilo
  '0730600000': '0702200000', // Cebu City -> Cebu
  '0731100000': '0702200000', // Lapu-Lapu City -> Cebu
  '0731300000': '0702200000', // Mandaue City -> Cebu
  '0831600000': '0803700000', // Tacloban City -> Leyte
  '0931700000': '0907300000', // Zamboanga City -> Zamboanga del Sur
  '0990100000': '1900700000', // Isabela City -> Basilan
  '1030500000': '1004300000', // Cagayan de Oro City -> Misamis Oriental
  '1030900000': '1003500000', // Iligan City -> Lanao del Norte
  '1130700000': '1102400000', // Davao City -> Davao del Sur
  '1230800000': '1206300000', // General Santos City -> South Cotabato
  '1430300000': '1401100000', // Baguio City -> Benguet
  '1630400000': '1600200000', // Butuan City -> Agusan del Norte
  '1731500000': '1705300000', // Puerto Princesa City -> Palawan
  '1830200000': '1804500000', // Bacolod City -> Negros Occidental
  '1999900000': '1204700000', // Special Geographic Area (BARMM) -> Cotabato
};

/** Other names people give provinces; Metro Manila stands for the NCR. "Manila" is a city, not one of them. */
const PROVINCE_ALIASES: Record<string, string[]> = {
  [NCR_CODE]: ['Metro Manila', 'NCR', 'National Capital Region', 'Metro Manila (NCR)'],
  '1204700000': ['North Cotabato'],
  '1108200000': ['Compostela Valley'],
  '1404400000': ['Mt. Province'],
  '0806000000': ['Western Samar'],
};

/** Manila districts known by another name: "Tondo" (PSGC: Tondo I/II), Santa Mesa (part of Sampaloc). */
const DISTRICT_ALIASES: Record<string, string[]> = {
  '1380601000': ['Tondo'],
  '1380606000': ['Santa Mesa'],
};

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function makeScope(cities: City[]): CityScope {
  const scope: CityScope = { cities, citiesByKey: new Map(), districtsByKey: new Map() };
  for (const city of cities) {
    push(scope.citiesByKey, city.key, city);
    for (const district of city.districts) {
      for (const name of [district.name, ...(DISTRICT_ALIASES[district.code] ?? [])]) {
        push(scope.districtsByKey, cityKey(name), district);
      }
    }
  }
  return scope;
}

function addBarangays(city: City, barangays: readonly { psgcCode: string; name: string }[]): void {
  for (const { psgcCode, name } of barangays) {
    const { key, aliases } = barangayKeys(name);
    const barangay = { code: psgcCode, name, key };
    city.barangays.push(barangay);
    push(city.barangaysByKey, key, barangay);
    for (const alias of aliases) push(city.barangaysByAlias, alias, barangay);
  }
}

function buildIndex(): PsgcIndex {
  const regions = getAllRegions();
  const provinces = getAllProvinces();
  const provinceCodes = new Set(provinces.map((p) => p.psgcCode));

  const cities = new Map<string, City>();
  const byProvinceCode = new Map<string, City[]>();
  for (const region of regions) {
    const rr = region.psgcCode.slice(0, 2);
    for (let ppp = 0; ppp < 1000; ppp++) {
      const provinceCode = `${rr}${String(ppp).padStart(3, '0')}00000`;
      for (const m of getMunicipalitiesByProvince(provinceCode)) {
        const city: City = {
          code: m.psgcCode,
          name: m.name,
          key: cityKey(m.name),
          regionCode: `${rr}00000000`,
          provinceCode: provinceCodes.has(provinceCode) ? provinceCode : null,
          barangays: [],
          barangaysByKey: new Map(),
          barangaysByAlias: new Map(),
          districts: [],
          parent: null,
        };
        cities.set(city.code, city);
        push(byProvinceCode, provinceCode, city);
      }
    }
  }

  // A municipality whose provinceCode is another one's own code is one of its
  // districts (Manila's); an independent city's provinceCode is its own code.
  const topLevel: City[] = [];
  for (const [provinceCode, members] of byProvinceCode) {
    const parent = cities.get(provinceCode);
    for (const city of members) {
      if (parent && parent !== city) {
        city.parent = parent;
        parent.districts.push(city);
      } else {
        topLevel.push(city);
      }
    }
  }
  for (const city of cities.values()) {
    const barangays = getBarangaysByMunicipality(city.code);
    addBarangays(city, barangays);
    if (city.parent) addBarangays(city.parent, barangays);
  }

  const regionNames = new Map(regions.map((r) => [r.psgcCode, r.name]));
  const scopes: ProvinceScope[] = [];
  const provincesByKey = new Map<string, ProvinceScope>();
  const provinceOf = new Map<string, ProvinceScope>();
  const addScope = (code: string | null, name: string, regionCode: string, members: City[], aliases: string[]) => {
    const scope: ProvinceScope = { code, name, key: placeKey(name), regionCode, ...makeScope(members) };
    scopes.push(scope);
    for (const city of members) provinceOf.set(city.code, scope);
    for (const alias of [name, ...aliases]) provincesByKey.set(placeKey(alias), scope);
    return scope;
  };

  const independentByProvince = new Map<string, City[]>();
  for (const [pseudoCode, provinceCode] of Object.entries(GEOGRAPHIC_PROVINCE)) {
    for (const city of byProvinceCode.get(pseudoCode) ?? []) push(independentByProvince, provinceCode, city);
  }
  const provincesByIndependentCity = new Map<string, ProvinceScope>();
  for (const p of provinces) {
    const independent = independentByProvince.get(p.psgcCode) ?? [];
    const scope = addScope(p.psgcCode, p.name, p.regionCode, [...(byProvinceCode.get(p.psgcCode) ?? []), ...independent], PROVINCE_ALIASES[p.psgcCode] ?? []);
    for (const city of independent) provincesByIndependentCity.set(city.key, scope);
  }
  const [ncrName, ...ncrAliases] = PROVINCE_ALIASES[NCR_CODE];
  addScope(null, ncrName, NCR_CODE, byProvinceCode.get(NCR_CODE) ?? [], ncrAliases);

  return {
    regionNames,
    provinces: scopes,
    provincesByKey,
    provincesByIndependentCity,
    nation: makeScope(topLevel),
    provinceOf,
  };
}

let index: PsgcIndex | undefined;

/** The index, built on first call (a few hundred ms; call it at worker start-up to pay that early). */
export function getPsgcIndex(): PsgcIndex {
  index ??= buildIndex();
  return index;
}
