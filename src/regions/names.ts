/**
 * Official village names are those of the committee ("金星村民委员会", "龙泉社区居委会"); grids are
 * named after the place ("金星村第1网格", "龙泉社区第2网格"), as grid code directories do.
 */
export function placeNameOfVillage(committeeName: string): string {
  return committeeName
    .replace(/村(民委员|委)会$/, '村')
    .replace(/社区居(民委员|委)会$/, '社区')
    .replace(/居(民委员|委)会$/, '社区');
}

export function gridName(villageName: string, sequence: number): string {
  return `${placeNameOfVillage(villageName)}第${sequence}网格`;
}

export function gridCode(villageCode: string, sequence: number): string {
  return `${villageCode}${String(sequence).padStart(3, '0')}`;
}

/**
 * Statistical division codes say what kind of unit a code is: townships 001–099 are urban
 * subdistricts (街道); villages 001–199 are residents' committees and 400–499 units like them.
 * Those are small, dense and gather around the seat of their parent.
 */
export function isUrbanTownship(code: string): boolean {
  return Number(code.slice(6, 9)) < 100;
}

export function isUrbanVillage(code: string): boolean {
  const sequence = Number(code.slice(9, 12));
  return sequence < 200 || (sequence >= 400 && sequence < 500);
}
