import { vietnameseMobilePrefixes as mobilePrefixes } from '../helpers/vietnamese-mobile-prefixes';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const familyNames = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const middleNames = ['Thị', 'Văn', 'Ngọc', 'Minh', 'Thanh', 'Thu', 'Quốc', 'Hữu', 'Bảo', 'Khánh'];
const givenNames = [
  'Hoa',
  'Lan',
  'Mai',
  'Hương',
  'Thảo',
  'Linh',
  'Trang',
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hùng',
  'Nam',
  'Phúc',
  'Quân',
  'Tuấn',
  'Vy',
  'Yến',
  'Ánh',
  'Đức',
];

/** A deterministic Vietnamese buyer: the n-th name and a valid mobile number, spelled as people type it. */
export function vietnameseBuyer(n: number): { name: string; phone: string } {
  const name = `${familyNames[n % familyNames.length]} ${middleNames[Math.floor(n / 16) % middleNames.length]} ${givenNames[Math.floor(n / 160) % givenNames.length]}`;
  for (let attempt = 0; ; attempt += 1) {
    const prefix = mobilePrefixes[(n + attempt) % mobilePrefixes.length] as string;
    const subscriber = String((n * 7_919 + attempt) % 10_000_000).padStart(7, '0');
    const national = `0${prefix}${subscriber}`;
    if (parsePhoneNumberFromString(national, 'VN')?.isValid()) {
      return {
        name,
        phone: `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`,
      };
    }
  }
}
