import { barangayKey, cityKey, placeKey } from '../../activities/address/normalize-place';
import { getPsgcIndex } from '../../activities/address/psgc-index';
import { resolveAddress, type AddressInput, type AddressResolution } from '../../activities/address/resolve-address';

/** The resolution, asserted to be ok, for reading its fields. */
function resolved(input: AddressInput): Extract<AddressResolution, { ok: true }> {
  const result = resolveAddress(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to resolve, got ${JSON.stringify(result.issues)}`);
  return result;
}

function rejected(input: AddressInput): Extract<AddressResolution, { ok: false }> {
  const result = resolveAddress(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} not to resolve, got ${JSON.stringify(result.names)}`);
  return result;
}

describe('place-name normalisation', () => {
  it('treats "City of X", "X City" and "X" as one city', () => {
    expect(cityKey('City of Makati')).toBe(cityKey('Makati'));
    expect(cityKey('Makati City')).toBe(cityKey('makati'));
    expect(cityKey('Science City of Muñoz')).toBe(cityKey('Munoz'));
  });

  it('ignores case, accents and punctuation', () => {
    expect(cityKey('LAS PINAS')).toBe(cityKey('Las Piñas City'));
    expect(cityKey('Lapulapu')).toBe(cityKey('Lapu-Lapu City'));
    expect(placeKey('davao  del sur')).toBe(placeKey('Davao del Sur'));
  });

  it('expands Sto., Sta. and Gen. to Santo, Santa and General', () => {
    expect(cityKey('Santo Tomas')).toBe(cityKey('Sto. Tomas City'));
    expect(barangayKey('Sta. Cruz')).toBe(barangayKey('Santa Cruz'));
    expect(cityKey('General Mariano Alvarez')).toBe(cityKey('Gen. Mariano Alvarez'));
  });

  it('drops a leading Barangay or Brgy. from barangay names', () => {
    expect(barangayKey('Brgy. San Antonio')).toBe(barangayKey('San Antonio'));
    expect(barangayKey('Barangay 1')).toBe(barangayKey('Brgy 1'));
  });

  it('reads roman numerals as numbers, keeping adjacent ones apart', () => {
    expect(barangayKey('Poblacion IV')).toBe(barangayKey('Poblacion 4'));
    expect(barangayKey('Bongbongan I-II')).not.toBe(barangayKey('Bongbongan III'));
  });
});

describe('the PSGC index', () => {
  it('places every city and municipality in some province or in Metro Manila', () => {
    const index = getPsgcIndex();
    const placed = new Set(index.provinces.flatMap((p) => p.cities.map((c) => c.code)));
    expect(index.nation.cities.filter((c) => !placed.has(c.code)).map((c) => c.name)).toEqual([]);
  });

  it('holds all 1,642 cities and municipalities and 42,011 barangays of the 2025 data', () => {
    const { cities } = getPsgcIndex().nation;
    expect(cities).toHaveLength(1642);
    expect(cities.reduce((n, c) => n + c.barangays.length, 0)).toBe(42011);
  });
});

describe('resolving real addresses', () => {
  it('resolves Brgy San Antonio, Makati City, Metro Manila', () => {
    const r = resolved({ barangay: 'Brgy San Antonio', city: 'Makati City', province: 'Metro Manila' });
    expect(r.psgc).toEqual({ region: '1300000000', province: null, city: '1380300000', barangay: '1380300023' });
    expect(r.islandGroup).toBe('metro_manila');
    expect(r.names).toEqual({ region: 'National Capital Region', province: 'Metro Manila', city: 'Makati City', barangay: 'San Antonio' });
  });

  it('accepts NCR and National Capital Region as the province of Metro Manila cities', () => {
    expect(resolved({ barangay: 'Almanza Uno', city: 'Las Pinas', province: 'NCR' }).names.city).toBe('Las Piñas City');
    expect(resolved({ barangay: 'Bagumbayan', city: 'Quezon City', province: 'National Capital Region' }).psgc.city).toBe('1381300000');
  });

  it('finds a City of Manila barangay through its district, however the city is written', () => {
    for (const city of ['Manila', 'City of Manila', 'Manila City', 'Tondo', 'Tondo, Manila']) {
      const r = resolved({ barangay: 'Barangay 1', city, province: 'Metro Manila' });
      expect(r.psgc.city).toBe('1380600000');
      expect(r.psgc.barangay).toBe('1380601001');
    }
    expect(resolved({ barangay: 'Brgy. 600', city: 'Sampaloc, Manila', province: 'Metro Manila' }).psgc.barangay).toBe('1380606207');
  });

  it('accepts a Manila barangay under the district people know it by (Santa Mesa is part of PSGC Sampaloc)', () => {
    expect(resolved({ barangay: 'Barangay 600', city: 'Santa Mesa', province: 'Metro Manila' }).names.barangay).toBe('Barangay 600');
    // San Andres Bukid's Barangay 790 is in PSGC Santa Ana, not Malate: the city decides.
    expect(resolved({ barangay: 'Barangay 790', city: 'Malate', province: 'Metro Manila' }).psgc.barangay).toBe('1380614046');
  });

  it('does not take Manila for a province', () => {
    const r = rejected({ barangay: 'Barangay 1', city: 'Manila', province: 'Manila' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'ADDRESS_UNKNOWN_LOCATION', field: 'shippingAddress.province' })]);
    expect(r.issues[0].suggestions[0]).toBe('Metro Manila');
  });

  it('resolves Lahug, Cebu City, Cebu although Cebu City is in no PSGC province', () => {
    const r = resolved({ barangay: 'Lahug', city: 'Cebu City', province: 'Cebu' });
    expect(r.psgc).toEqual({ region: '0700000000', province: null, city: '0730600000', barangay: '0730600041' });
    expect(r.islandGroup).toBe('visayas');
    expect(r.names.province).toBe('Cebu');
  });

  it('resolves Talomo River, Davao City, Davao del Sur in Mindanao', () => {
    const r = resolved({ barangay: 'Talomo River', city: 'Davao City', province: 'Davao del Sur' });
    expect(r.psgc.barangay).toBe('1130700117');
    expect(r.islandGroup).toBe('mindanao');
  });

  it('accepts other independent cities under the province they lie in', () => {
    expect(resolved({ barangay: 'Session Road Area', city: 'Baguio', province: 'Benguet' }).islandGroup).toBe('luzon');
    expect(resolved({ barangay: 'Barangay 1', city: 'Cagayan de Oro', province: 'Misamis Oriental' }).psgc.city).toBe('1030500000');
    expect(resolved({ barangay: 'Alijis', city: 'Bacolod', province: 'Negros Occidental' }).islandGroup).toBe('visayas');
    expect(resolved({ barangay: 'Ayala', city: 'Zamboanga City', province: 'Zamboanga del Sur' }).islandGroup).toBe('mindanao');
    expect(resolved({ barangay: 'Isabela Proper', city: 'Isabela City', province: 'Basilan' }).psgc.region).toBe('0900000000');
  });

  it('accepts an independent city written as its own province', () => {
    expect(resolved({ barangay: 'Lahug', city: 'Cebu City', province: 'Cebu City' }).names.province).toBe('Cebu');
  });

  it('resolves a municipality in an ordinary province, with its PSGC province code', () => {
    const r = resolved({ barangay: 'Batong Malake', city: 'Los Banos', province: 'Laguna' });
    expect(r.psgc).toEqual({ region: '0400000000', province: '0403400000', city: '0403411000', barangay: '0403411004' });
    expect(r.names).toEqual({ region: 'Region IV-A', province: 'Laguna', city: 'Los Baños', barangay: 'Batong Malake' });
    expect(r.islandGroup).toBe('luzon');
  });

  it('resolves Tawala, Panglao, Bohol in the Visayas', () => {
    expect(resolved({ barangay: 'Tawala', city: 'Panglao', province: 'Bohol' }).islandGroup).toBe('visayas');
  });

  it('tells apart towns of the same name by their province (General Luna, Quezon and Surigao del Norte)', () => {
    expect(resolved({ barangay: 'Catangnan', city: 'General Luna', province: 'Surigao del Norte' }).psgc.city).toBe('1606710000');
    expect(rejected({ barangay: 'Catangnan', city: 'Gen. Luna', province: 'Quezon' }).issues[0].field).toBe('shippingAddress.barangay');
  });

  it('matches Santo for Sto. in a city name and Barangay 2 for Barangay II (Sto. Tomas City, Batangas)', () => {
    const r = resolved({ barangay: 'Barangay 2', city: 'Santo Tomas', province: 'Batangas' });
    expect(r.names).toMatchObject({ city: 'Sto. Tomas City', barangay: 'Barangay II' });
  });

  it('ignores the optional region field', () => {
    expect(resolved({ barangay: 'Lahug', city: 'Cebu City', province: 'Cebu', region: 'Region I' }).psgc.region).toBe('0700000000');
  });
});

describe('near misses and mismatches', () => {
  it('suggests Poblacion for a mistyped barangay in Makati', () => {
    const r = rejected({ barangay: 'Poblacon', city: 'Makati', province: 'Metro Manila' });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'ADDRESS_UNKNOWN_LOCATION', field: 'shippingAddress.barangay' });
    expect(r.issues[0].suggestions[0]).toBe('Poblacion');
    expect(r.issues[0].suggestions.length).toBeLessThanOrEqual(3);
    expect(r.islandGroup).toBe('metro_manila');
  });

  it('suggests the right city for a mistyped one within the province', () => {
    const r = rejected({ barangay: 'San Antonio', city: 'Makatti', province: 'Metro Manila' });
    expect(r.issues).toEqual([expect.objectContaining({ field: 'shippingAddress.city' })]);
    expect(r.issues[0].suggestions[0]).toBe('Makati City');
  });

  it('rejects a real barangay in the wrong city (Lahug is in Cebu City, not Makati)', () => {
    const r = rejected({ barangay: 'Lahug', city: 'Makati City', province: 'Metro Manila' });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'ADDRESS_UNKNOWN_LOCATION', field: 'shippingAddress.barangay' })]);
  });

  it('rejects a real city in the wrong province and says where it is', () => {
    const r = rejected({ barangay: 'San Antonio', city: 'Makati City', province: 'Cebu' });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].field).toBe('shippingAddress.city');
    expect(r.issues[0].message).toContain('Metro Manila');
    expect(r.islandGroup).toBe('visayas');
  });

  it('asks which one when a barangay name is shared within the city (Iloilo City has several San Isidro)', () => {
    const r = rejected({ barangay: 'San Isidro', city: 'Iloilo City', province: 'Iloilo' });
    expect(r.issues[0].suggestions).toEqual(expect.arrayContaining(['San Isidro (Jaro)', 'San Isidro (La Paz)']));
    expect(resolved({ barangay: 'San Isidro (Jaro)', city: 'Iloilo City', province: 'Iloilo' }).names.barangay).toBe('San Isidro (Jaro)');
  });

  it('suggests provinces for an unknown one, and does not take Davao alone for Davao del Sur', () => {
    const r = rejected({ barangay: 'Apokon', city: 'Tagum', province: 'Davao' });
    expect(r.issues.map((i) => i.field)).toEqual(['shippingAddress.province']);
    expect(r.issues[0].suggestions.every((s) => s.startsWith('Davao'))).toBe(true);
  });

  it('reports an unknown province and an unknown city together', () => {
    const r = rejected({ barangay: 'Nowhere', city: 'Xyzzy', province: 'Atlantis' });
    expect(r.issues.map((i) => i.field)).toEqual(['shippingAddress.province', 'shippingAddress.city']);
    expect(r.islandGroup).toBeNull();
  });

  it('gives no issue for missing fields, which are reported as ADDRESS_INCOMPLETE elsewhere', () => {
    expect(resolveAddress({})).toEqual({ ok: false, issues: [], islandGroup: null });
    expect(resolveAddress({ barangay: 'Lahug', city: 'Cebu City', province: ' ' })).toEqual({ ok: false, issues: [], islandGroup: 'visayas' });
    expect(resolveAddress({ barangay: 'Poblacion', city: 'San Jose' })).toEqual({ ok: false, issues: [], islandGroup: null });
  });
});
