// SYNTHETIC catalogue for the search benchmark: Vietnamese-like product names, producers
// and places assembled from real word lists with a seeded PRNG, so every run indexes the
// same documents. None of these products exist; do not mistake them for registry data.

import type { SearchDocument } from '../../server/domain/search-types';

export type Random = () => number;

/** mulberry32: a tiny deterministic PRNG, good enough to shuffle word lists. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const PRODUCTS = [
  'Mật ong hoa nhãn', 'Mật ong bạc hà', 'Mật ong rừng', 'Gà đồi', 'Gà ri', 'Gà Đông Tảo', 'Gà ác', 'Trứng gà', 'Trứng vịt muối',
  'Trà shan tuyết', 'Chè búp', 'Trà xanh', 'Trà hoa vàng', 'Trà atiso', 'Cao atiso', 'Miến dong', 'Miến ngô', 'Bún khô', 'Phở khô',
  'Hủ tiếu', 'Bánh đa', 'Bánh tráng', 'Bánh đa nem', 'Bánh gai', 'Bánh cốm', 'Bánh pía', 'Bánh chưng', 'Kẹo dừa', 'Kẹo lạc',
  'Kẹo cu đơ', 'Cà phê bột', 'Cà phê rang xay', 'Cà phê hạt', 'Gạo ST25', 'Gạo nếp cái hoa vàng', 'Gạo tám thơm', 'Gạo lứt',
  'Tương ớt', 'Tương bần', 'Nước mắm', 'Mắm tôm', 'Mắm cáy', 'Nem chua', 'Giò lụa', 'Chả mực', 'Chả cá', 'Mực một nắng',
  'Cá khô', 'Tôm khô', 'Hạt điều rang muối', 'Đậu phộng rang', 'Lạc rang húng lìu', 'Vừng đen', 'Mè xửng', 'Bưởi Diễn',
  'Bưởi da xanh', 'Cam sành', 'Vải thiều', 'Nhãn lồng', 'Xoài cát Hòa Lộc', 'Thanh long ruột đỏ', 'Dứa Queen', 'Khóm', 'Sầu riêng',
  'Măng tre khô', 'Nấm hương', 'Nấm linh chi', 'Rượu cần', 'Rượu ngô', 'Rượu nếp cẩm', 'Tinh dầu sả chanh', 'Tinh dầu quế',
  'Quế thanh', 'Hoa hồi', 'Sâm Ngọc Linh', 'Chè lam', 'Cốm làng Vòng', 'Ngô nếp', 'Bắp nếp', 'Thịt lợn gác bếp', 'Thịt trâu gác bếp',
  'Lạp xưởng', 'Khô bò', 'Dầu lạc', 'Muối tiêu', 'Tỏi', 'Hành tím', 'Gừng', 'Tinh bột nghệ', 'Mứt gừng', 'Mứt dừa', 'Sữa chua',
  'Sữa bò tươi', 'Chuối sấy', 'Mít sấy', 'Khoai lang sấy', 'Tinh bột sắn dây', 'Đậu phụ', 'Chổi đót', 'Mây tre đan', 'Nón lá',
  'Gốm', 'Thổ cẩm', 'Lụa tơ tằm', 'Chiếu cói', 'Hồng sấy', 'Mận hậu', 'Na dai', 'Ổi', 'Dưa lưới', 'Rau má', 'Cà gai leo', 'Giảo cổ lam',
  'Nước cốt gừng', 'Dấm táo mèo', 'Táo mèo ngâm', 'Bột sắn', 'Tiêu đen', 'Ca cao', 'Ớt bột', 'Nước tương', 'Bột ngũ cốc',
];
const QUALIFIERS = [
  'đặc biệt', 'truyền thống', 'hữu cơ', 'sạch', 'loại 1', 'cao cấp', 'nguyên chất', 'thượng hạng', 'túi 500g', 'hộp 1kg', 'chai 500ml',
  'hũ 250g', 'cổ thụ', 'thủ công', 'gia truyền', 'sấy lạnh', 'tươi', 'khô', 'nhà làm', 'xuất khẩu',
];
const PROVINCES = [
  'Hà Nội', 'Huế', 'Lai Châu', 'Điện Biên', 'Sơn La', 'Lạng Sơn', 'Quảng Ninh', 'Thanh Hóa', 'Nghệ An', 'Hà Tĩnh', 'Cao Bằng',
  'Tuyên Quang', 'Lào Cai', 'Thái Nguyên', 'Phú Thọ', 'Bắc Ninh', 'Hưng Yên', 'Hải Phòng', 'Ninh Bình', 'Quảng Trị', 'Đà Nẵng',
  'Quảng Ngãi', 'Gia Lai', 'Khánh Hòa', 'Lâm Đồng', 'Đắk Lắk', 'Hồ Chí Minh', 'Đồng Nai', 'Tây Ninh', 'Cần Thơ', 'Vĩnh Long',
  'Đồng Tháp', 'Cà Mau', 'An Giang',
];
const OLD_PROVINCES = [
  'Hà Giang', 'Yên Bái', 'Bắc Kạn', 'Vĩnh Phúc', 'Hòa Bình', 'Bắc Giang', 'Hải Dương', 'Thái Bình', 'Hà Nam', 'Nam Định', 'Quảng Bình',
  'Quảng Nam', 'Kon Tum', 'Bình Định', 'Phú Yên', 'Ninh Thuận', 'Đắk Nông', 'Bình Thuận', 'Bình Phước', 'Bình Dương', 'Long An',
  'Tiền Giang', 'Bến Tre', 'Trà Vinh', 'Hậu Giang', 'Sóc Trăng', 'Bạc Liêu', 'Kiên Giang',
];
const DISTRICTS = [
  'Ba Vì', 'Hoài Đức', 'Đông Anh', 'Gia Lâm', 'Thạch Thất', 'Chương Mỹ', 'Sóc Sơn', 'Mê Linh', 'Cao Phong', 'Mộc Châu', 'Văn Giang',
  'Khoái Châu', 'Lý Sơn', 'Phú Quốc', 'Cái Bè', 'Cai Lậy', 'Chợ Gạo', 'Mỏ Cày', 'Giồng Trôm', 'Bảo Lộc', 'Di Linh', 'Đơn Dương',
  'Tân Uyên', 'Mường Tè', 'Bắc Hà', 'Sa Pa', 'Văn Chấn', 'Trạm Tấu', 'Yên Thế', 'Lục Ngạn', 'Thanh Hà', 'Chí Linh', 'Kim Sơn',
  'Nho Quan', 'Quỳnh Lưu', 'Nghĩa Đàn', 'Hương Khê', 'Vũ Quang', 'Lệ Thủy', 'Hải Lăng', 'Tiên Phước', 'Trà Bồng', 'Hoài Nhơn',
  'Tuy An', 'Ninh Hải', 'Tuy Phong', 'Bù Đăng', 'Dầu Tiếng', 'Cần Giuộc', 'Châu Thành', 'Càng Long', 'Vị Thủy', 'Mỹ Xuyên',
];
const COMMUNE_HEADS = ['Tân', 'An', 'Phú', 'Hòa', 'Bình', 'Thạnh', 'Long', 'Đông', 'Tây', 'Nam', 'Bắc', 'Vĩnh', 'Hưng', 'Thuận', 'Xuân', 'Thanh', 'Minh', 'Quang', 'Yên', 'Hồng', 'Kim', 'Ngọc', 'Đại', 'Trung', 'Mỹ', 'Lạc'];
const COMMUNE_TAILS = ['Lập', 'Phú', 'Hòa', 'Thành', 'Lợi', 'Phước', 'Hưng', 'An', 'Bình', 'Sơn', 'Thủy', 'Lâm', 'Hải', 'Tiến', 'Thịnh', 'Lộc', 'Mỹ', 'Đức', 'Nghĩa', 'Tân', 'Quang', 'Trạch', 'Dương', 'Cường'];
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_NAMES = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Hữu', 'Quang', 'Thu', 'Xuân'];
const GIVEN_NAMES = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hoa', 'Hùng', 'Hương', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến', 'Hồng', 'Khánh'];
const BRANDS = ['Trang Viên', 'Hồng Hạnh', 'Tâm Đức', 'Phú Gia', 'Việt Xanh', 'Sơn Lâm', 'Đại Ngàn', 'Hoa Ban', 'Kim Ngân', 'Bảo Châu', 'An Phát', 'Thiên Phúc', 'Nông Lâm', 'Hương Quê', 'Mộc Nhiên', 'Sao Mai'];
const COOP_TRADES = ['Nông nghiệp', 'Dịch vụ nông nghiệp', 'Chè', 'Mật ong', 'Chăn nuôi', 'Rau an toàn', 'Thủy sản', 'Dược liệu', 'Làng nghề', 'Cây ăn quả'];
const GROUPS: readonly (readonly [string, string, readonly string[]])[] = [
  ['thuc-pham', 'Thực phẩm', ['Nông sản tươi sống', 'Thực phẩm chế biến', 'Gia vị', 'Chè và trà']],
  ['do-uong', 'Đồ uống', ['Đồ uống có cồn', 'Đồ uống không cồn']],
  ['thao-duoc', 'Thảo dược', ['Sản phẩm từ dược liệu']],
  ['vai-may-mac', 'Vải và may mặc', ['Vải', 'Trang phục']],
  ['luu-niem', 'Lưu niệm - nội thất - trang trí', ['Thủ công mỹ nghệ', 'Đồ gia dụng']],
  ['du-lich', 'Dịch vụ du lịch cộng đồng', ['Điểm du lịch']],
];

interface Place {
  id: string;
  name: string;
}

/** SYNTHETIC documents: `count` products built deterministically from `seed`. */
export function generateSyntheticCatalogue(count: number, seed = 20250701): SearchDocument[] {
  const random = createRandom(seed);
  const provinces: Place[] = PROVINCES.map((name, i) => ({ id: `vn2025:p${i}`, name }));
  const communes: (Place & { province: Place; district: Place; oldProvince: Place })[] = [];
  for (let i = 0; i < 3000; i += 1) {
    const province = pick(random, provinces);
    const district = DISTRICTS[Math.floor(random() * DISTRICTS.length)] as string;
    const oldProvince = OLD_PROVINCES[Math.floor(random() * OLD_PROVINCES.length)] as string;
    communes.push({
      id: `vn2025:c${i}`,
      name: `${pick(random, COMMUNE_HEADS)} ${pick(random, COMMUNE_TAILS)}`,
      province,
      district: { id: `pre2025:d:${DISTRICTS.indexOf(district)}`, name: district },
      oldProvince: { id: `pre2025:p:${OLD_PROVINCES.indexOf(oldProvince)}`, name: oldProvince },
    });
  }
  const marks = Array.from({ length: 60 }, (_, i) => `mark-${String(i).padStart(3, '0')}`);
  const documents: SearchDocument[] = [];
  for (let i = 0; i < count; i += 1) {
    const commune = pick(random, communes);
    const [groupId, groupName, sets] = pick(random, GROUPS);
    const name = composeName(random, commune.district.name, commune.province.name);
    const starsRoll = random();
    const stars = starsRoll < 0.05 ? null : starsRoll < 0.65 ? 3 : starsRoll < 0.95 ? 4 : 5;
    const decisionYear = 2020 + Math.floor(random() * 6);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
    documents.push({
      id: `syn-${String(i).padStart(6, '0')}`,
      name,
      producer: composeProducer(random, commune.name),
      places: [`Xã ${commune.name}`, `Tỉnh ${commune.province.name}`],
      aliases: [`Huyện ${commune.district.name}`, `Tỉnh ${commune.oldProvince.name}`],
      category: `${groupName} · ${pick(random, sets)}`,
      stars,
      potentialFive: stars === 4 && random() < 0.1,
      ocopGroup: groupId,
      placeIds: [commune.id, commune.province.id, commune.district.id],
      markIds: random() < 0.2 ? [pick(random, marks)] : [],
      awardYears: random() < 0.3 ? [2019 + Math.floor(random() * 7)] : [],
      certValidUntil: stars === null || random() < 0.1 ? null : `${decisionYear + 3}-${month}-15`,
      isAggregate: random() < 0.02,
    });
  }
  return documents;
}

function composeName(random: Random, district: string, province: string): string {
  const product = pick(random, PRODUCTS);
  const roll = random();
  if (roll < 0.3) return `${product} ${district}`;
  if (roll < 0.5) return `${product} ${pick(random, QUALIFIERS)}`;
  if (roll < 0.65) return `${product} ${pick(random, BRANDS)}`;
  if (roll < 0.8) return `${product} ${pick(random, QUALIFIERS)} ${province}`;
  return product;
}

function composeProducer(random: Random, commune: string): string {
  const roll = random();
  if (roll < 0.4) return `HTX ${pick(random, COOP_TRADES)} ${commune}`;
  if (roll < 0.6) return `Công ty TNHH ${pick(random, BRANDS)}`;
  if (roll < 0.7) return `Công ty Cổ phần ${pick(random, BRANDS)} ${commune}`;
  return `Hộ kinh doanh ${pick(random, SURNAMES)} ${pick(random, MIDDLE_NAMES)} ${pick(random, GIVEN_NAMES)}`;
}
