// The GS1 Application Identifier table (GS1 General Specifications §3.2, as published in
// GS1's machine-readable AI syntax dictionary): each AI's value format, whether it has a
// predefined length (no FNC1/GS separator needed after it in a barcode), which AIs are
// GS1 Digital Link primary keys and the qualifiers each key allows. Written out here as
// data; gs1-ai-values.ts checks values against it.
//
// Line syntax: `AI[-AI] [*] spec… [dlpkey[=q,q/q]] | English title | Vietnamese title`, where
// dlpkey lists the qualifiers a key allows in order, "/" between alternative orders.
// A spec component is `N`/`X`/`Y`/`Z` (digits / GS1 character set 82 / set 39 / base64url)
// with a length (`14` fixed, `..20` up to), optionally `[…]` when it may be left off,
// then `,linter` checks (csum = mod-10 check digit, yymmd0/yymmdd = dates…).

export type AiCharset = 'N' | 'X' | 'Y' | 'Z';

export interface AiComponent {
  charset: AiCharset;
  /** Fixed length, or the maximum when `variable`. */
  length: number;
  variable: boolean;
  optional: boolean;
  linters: readonly string[];
}

export interface AiDefinition {
  ai: string;
  /** Predefined length: in a barcode the next AI follows without a separator. */
  predefinedLength: boolean;
  components: readonly AiComponent[];
  /** Digital Link primary key: the qualifier sequences it allows (`[[]]` = none). */
  qualifierPaths: readonly (readonly string[])[] | null;
  title_en: string;
  title_vi: string;
}

const TABLE = `
00 * N18,csum dlpkey | SSCC (serial shipping container code) | Mã số thùng hàng vận chuyển (SSCC)
01 * N14,csum dlpkey=22,10,21/235 | GTIN (product code) | Mã sản phẩm (GTIN)
02 * N14,csum | GTIN of the contained trade items | GTIN của hàng chứa bên trong
10 X..20 | Batch or lot | Số lô
11 * N6,yymmd0 | Production date | Ngày sản xuất
12 * N6,yymmd0 | Due date | Ngày đến hạn thanh toán
13 * N6,yymmd0 | Packaging date | Ngày đóng gói
15 * N6,yymmd0 | Best before | Sử dụng tốt nhất trước
16 * N6,yymmd0 | Sell by | Bán trước ngày
17 * N6,yymmd0 | Expiry (use by) | Hạn sử dụng
20 * N2 | Internal product variant | Biến thể sản phẩm nội bộ
21 X..20 | Serial number | Số sê-ri
22 X..20 | Consumer product variant | Biến thể sản phẩm
235 X..28 | Third-party controlled serialised extension (TPX) | Mã mở rộng do bên thứ ba cấp (TPX)
240 X..30 | Additional product identification | Mã nhận dạng sản phẩm bổ sung
241 X..30 | Customer part number | Mã linh kiện của khách hàng
242 N..6 | Made-to-order variant | Biến thể đặt làm riêng
243 X..20 | Packaging component number | Mã thành phần bao bì
250 X..30 | Secondary serial number | Số sê-ri phụ
251 X..30 | Reference to source entity | Tham chiếu thực thể gốc
253 N13,csum [X..17] dlpkey | GDTI (document type identifier) | Mã loại tài liệu (GDTI)
254 X..20 | GLN extension component | Thành phần mở rộng của GLN
255 N13,csum [N..12] dlpkey | GCN (coupon code) | Mã phiếu giảm giá (GCN)
30 N..8 | Variable count | Số lượng thay đổi
3100-3105 * N6 | Net weight (kg) | Khối lượng tịnh (kg)
3110-3115 * N6 | Length (m) | Chiều dài (m)
3120-3125 * N6 | Width (m) | Chiều rộng (m)
3130-3135 * N6 | Height (m) | Chiều cao (m)
3140-3145 * N6 | Area (m²) | Diện tích (m²)
3150-3155 * N6 | Net volume (l) | Thể tích tịnh (lít)
3160-3165 * N6 | Net volume (m³) | Thể tích tịnh (m³)
3200-3205 * N6 | Net weight (lb) | Khối lượng tịnh (pound)
3210-3215 * N6 | Length (in) | Chiều dài (inch)
3220-3225 * N6 | Length (ft) | Chiều dài (foot)
3230-3235 * N6 | Length (yd) | Chiều dài (yard)
3240-3245 * N6 | Width (in) | Chiều rộng (inch)
3250-3255 * N6 | Width (ft) | Chiều rộng (foot)
3260-3265 * N6 | Width (yd) | Chiều rộng (yard)
3270-3275 * N6 | Height (in) | Chiều cao (inch)
3280-3285 * N6 | Height (ft) | Chiều cao (foot)
3290-3295 * N6 | Height (yd) | Chiều cao (yard)
3300-3305 * N6 | Gross weight (kg) | Khối lượng cả bì (kg)
3310-3315 * N6 | Logistic length (m) | Chiều dài kiện hàng (m)
3320-3325 * N6 | Logistic width (m) | Chiều rộng kiện hàng (m)
3330-3335 * N6 | Logistic height (m) | Chiều cao kiện hàng (m)
3340-3345 * N6 | Logistic area (m²) | Diện tích kiện hàng (m²)
3350-3355 * N6 | Logistic volume (l) | Thể tích kiện hàng (lít)
3360-3365 * N6 | Logistic volume (m³) | Thể tích kiện hàng (m³)
3370-3375 * N6 | Kilograms per m² | Kilôgam trên m²
3400-3405 * N6 | Gross weight (lb) | Khối lượng cả bì (pound)
3410-3415 * N6 | Logistic length (in) | Chiều dài kiện hàng (inch)
3420-3425 * N6 | Logistic length (ft) | Chiều dài kiện hàng (foot)
3430-3435 * N6 | Logistic length (yd) | Chiều dài kiện hàng (yard)
3440-3445 * N6 | Logistic width (in) | Chiều rộng kiện hàng (inch)
3450-3455 * N6 | Logistic width (ft) | Chiều rộng kiện hàng (foot)
3460-3465 * N6 | Logistic width (yd) | Chiều rộng kiện hàng (yard)
3470-3475 * N6 | Logistic height (in) | Chiều cao kiện hàng (inch)
3480-3485 * N6 | Logistic height (ft) | Chiều cao kiện hàng (foot)
3490-3495 * N6 | Logistic height (yd) | Chiều cao kiện hàng (yard)
3500-3505 * N6 | Area (in²) | Diện tích (inch²)
3510-3515 * N6 | Area (ft²) | Diện tích (foot²)
3520-3525 * N6 | Area (yd²) | Diện tích (yard²)
3530-3535 * N6 | Logistic area (in²) | Diện tích kiện hàng (inch²)
3540-3545 * N6 | Logistic area (ft²) | Diện tích kiện hàng (foot²)
3550-3555 * N6 | Logistic area (yd²) | Diện tích kiện hàng (yard²)
3560-3565 * N6 | Net weight (troy oz) | Khối lượng tịnh (ounce troy)
3570-3575 * N6 | Net volume (oz) | Thể tích tịnh (ounce)
3600-3605 * N6 | Net volume (qt) | Thể tích tịnh (quart)
3610-3615 * N6 | Net volume (gal) | Thể tích tịnh (gallon)
3620-3625 * N6 | Logistic volume (qt) | Thể tích kiện hàng (quart)
3630-3635 * N6 | Logistic volume (gal) | Thể tích kiện hàng (gallon)
3640-3645 * N6 | Net volume (in³) | Thể tích tịnh (inch³)
3650-3655 * N6 | Net volume (ft³) | Thể tích tịnh (foot³)
3660-3665 * N6 | Net volume (yd³) | Thể tích tịnh (yard³)
3670-3675 * N6 | Logistic volume (in³) | Thể tích kiện hàng (inch³)
3680-3685 * N6 | Logistic volume (ft³) | Thể tích kiện hàng (foot³)
3690-3695 * N6 | Logistic volume (yd³) | Thể tích kiện hàng (yard³)
37 N..8 | Count of trade items | Số lượng hàng chứa bên trong
3900-3909 N..15 | Amount payable (local currency) | Số tiền phải trả (nội tệ)
3910-3919 N3 N..15 | Amount payable with ISO currency | Số tiền phải trả (kèm mã tiền tệ)
3920-3929 N..15 | Amount payable, single item (local currency) | Giá một sản phẩm (nội tệ)
3930-3939 N3 N..15 | Amount payable, single item, with ISO currency | Giá một sản phẩm (kèm mã tiền tệ)
3940-3943 N4 | Percentage discount of a coupon | Phần trăm giảm giá của phiếu
3950-3955 N6 | Amount payable per unit of measure | Giá theo đơn vị đo
400 X..30 | Customer's purchase order number | Số đơn đặt hàng
401 X..30 dlpkey | GINC (consignment number) | Mã lô hàng gửi (GINC)
402 N17,csum dlpkey | GSIN (shipment identification) | Mã lô hàng vận chuyển (GSIN)
403 X..30 | Routing code | Mã tuyến vận chuyển
410 * N13,csum | Ship to / deliver to GLN | Mã địa điểm giao hàng (GLN)
411 * N13,csum | Bill to / invoice to GLN | Mã địa điểm nhận hóa đơn (GLN)
412 * N13,csum | Purchased from GLN | Mã địa điểm bán hàng (GLN)
413 * N13,csum | Ship for / deliver for / forward to GLN | Mã địa điểm chuyển tiếp (GLN)
414 * N13,csum dlpkey=254/7040 | GLN (physical location) | Mã địa điểm (GLN)
415 * N13,csum dlpkey=8020 | GLN of the invoicing party | Mã đơn vị lập hóa đơn (GLN)
416 * N13,csum | GLN of the production or service location | Mã địa điểm sản xuất (GLN)
417 * N13,csum dlpkey=7040 | Party GLN | Mã tổ chức (GLN)
420 X..20 | Ship to postal code | Mã bưu chính nơi giao
421 N3 X..9 | Ship to postal code with ISO country code | Mã bưu chính nơi giao (kèm mã nước)
422 N3 | Country of origin | Nước xuất xứ
423 N..15 | Country of initial processing | Nước sơ chế
424 N3 | Country of processing | Nước chế biến
425 N..15 | Country of disassembly | Nước tháo rời
426 N3 | Country covering the full process chain | Nước thực hiện toàn bộ quy trình
427 X..3 | Country subdivision of origin | Vùng xuất xứ
4300 X..35,pcenc | Ship-to company name | Tên công ty nhận hàng
4301 X..35,pcenc | Ship-to contact | Người nhận hàng
4302 X..70,pcenc | Ship-to address line 1 | Địa chỉ nhận hàng, dòng 1
4303 X..70,pcenc | Ship-to address line 2 | Địa chỉ nhận hàng, dòng 2
4304 X..70,pcenc | Ship-to suburb | Phường/xã nhận hàng
4305 X..70,pcenc | Ship-to locality | Địa phương nhận hàng
4306 X..70,pcenc | Ship-to region | Vùng nhận hàng
4307 X2 | Ship-to country code | Mã nước nhận hàng
4308 X..30 | Ship-to telephone number | Số điện thoại nhận hàng
4309 N10 N10 | Ship-to geolocation | Tọa độ nơi nhận hàng
4310 X..35,pcenc | Return-to company name | Tên công ty nhận hàng trả
4311 X..35,pcenc | Return-to contact | Người nhận hàng trả
4312 X..70,pcenc | Return-to address line 1 | Địa chỉ trả hàng, dòng 1
4313 X..70,pcenc | Return-to address line 2 | Địa chỉ trả hàng, dòng 2
4314 X..70,pcenc | Return-to suburb | Phường/xã trả hàng
4315 X..70,pcenc | Return-to locality | Địa phương trả hàng
4316 X..70,pcenc | Return-to region | Vùng trả hàng
4317 X2 | Return-to country code | Mã nước trả hàng
4318 X..20 | Return-to postal code | Mã bưu chính trả hàng
4319 X..30 | Return-to telephone number | Số điện thoại trả hàng
4320 X..35,pcenc | Service code description | Mô tả dịch vụ
4321 N1,yesno | Dangerous goods flag | Hàng nguy hiểm
4322 N1,yesno | Authority to leave | Được để hàng khi vắng nhà
4323 N1,yesno | Signature required | Cần chữ ký khi nhận
4324 N6,yymmd0 N4,hhmm | Not before delivery date and time | Giao không trước
4325 N6,yymmd0 N4,hhmm | Not after delivery date and time | Giao không sau
4326 N6,yymmdd | Release date | Ngày phát hành
4330 N6 [X1],hyphen | Maximum temperature (°F) | Nhiệt độ tối đa (°F)
4331 N6 [X1],hyphen | Maximum temperature (°C) | Nhiệt độ tối đa (°C)
4332 N6 [X1],hyphen | Minimum temperature (°F) | Nhiệt độ tối thiểu (°F)
4333 N6 [X1],hyphen | Minimum temperature (°C) | Nhiệt độ tối thiểu (°C)
7001 N13 | NATO stock number | Mã kho NATO (NSN)
7002 X..30 | UN/ECE meat carcasses and cuts classification | Phân loại thịt UN/ECE
7003 N6,yymmdd N4,hhmm | Expiration date and time | Ngày giờ hết hạn
7004 N..4 | Active potency | Hoạt lực
7005 X..12 | Catch area | Vùng đánh bắt
7006 N6,yymmdd | First freeze date | Ngày cấp đông đầu tiên
7007 N6,yymmdd [N6],yymmdd | Harvest date | Ngày thu hoạch
7008 X..3 | Species for fishery purposes | Loài thủy sản
7009 X..10 | Fishing gear type | Loại ngư cụ
7010 X..2 | Production method | Phương thức sản xuất
7011 N6,yymmdd [N4],hhmm | Test by date | Ngày kiểm định
7020 X..20 | Refurbishment lot ID | Mã lô tân trang
7021 X..20 | Functional status | Tình trạng hoạt động
7022 X..20 | Revision status | Tình trạng sửa đổi
7023 X..30 | GIAI of an assembly | Mã tài sản của cụm lắp ráp
7030-7039 N3 X..27 | Approval number of processor with ISO country code | Số phê duyệt cơ sở chế biến (kèm mã nước)
7040 N1 X1 X1 X1 | GS1 UIC with extension 1 and importer index | Mã UIC GS1 và chỉ số nhà nhập khẩu
710 X..20 | National healthcare reimbursement number (Germany PZN) | Mã thanh toán y tế quốc gia (Đức, PZN)
711 X..20 | National healthcare reimbursement number (France CIP) | Mã thanh toán y tế quốc gia (Pháp, CIP)
712 X..20 | National healthcare reimbursement number (Spain) | Mã thanh toán y tế quốc gia (Tây Ban Nha)
713 X..20 | National healthcare reimbursement number (Brazil DRN) | Mã thanh toán y tế quốc gia (Brazil)
714 X..20 | National healthcare reimbursement number (Portugal AIM) | Mã thanh toán y tế quốc gia (Bồ Đào Nha)
715 X..20 | National healthcare reimbursement number (USA NDC) | Mã thanh toán y tế quốc gia (Mỹ, NDC)
7230-7239 X2 X..28 | Certification reference | Số tham chiếu chứng nhận
7240 X..20 | Protocol ID | Mã giao thức
7241 N2 | AIDC media type | Loại vật mang mã
7242 X..25 | Version control number | Số kiểm soát phiên bản
8001 N4,nonzero N5,nonzero N3,nonzero N1 N1 | Roll product dimensions | Kích thước cuộn
8002 X..20 | Cellular mobile telephone identifier | Mã thiết bị di động
8003 N1,zero N13,csum [X..16] dlpkey | GRAI (returnable asset identifier) | Mã tài sản luân chuyển (GRAI)
8004 X..30 dlpkey=7040 | GIAI (individual asset identifier) | Mã tài sản riêng (GIAI)
8005 N6 | Price per unit of measure | Giá theo đơn vị đo
8006 N14,csum N4 dlpkey=22,10,21 | ITIP (piece of a trade item) | Mã từng phần của sản phẩm (ITIP)
8007 X..34 | IBAN | Số tài khoản quốc tế (IBAN)
8008 N8 [N..4] | Date and time of production | Ngày giờ sản xuất
8009 X..50 | Optically readable sensor indicator | Chỉ báo cảm biến
8010 Y..30 dlpkey=8011 | CPID (component/part identifier) | Mã linh kiện (CPID)
8011 N..12 | CPID serial number | Số sê-ri linh kiện
8012 X..20 | Software version | Phiên bản phần mềm
8013 X..25 dlpkey | GMN (global model number) | Mã mẫu sản phẩm (GMN)
8017 N18,csum dlpkey=8019 | GSRN of the service provider | Mã quan hệ dịch vụ: bên cung cấp (GSRN)
8018 N18,csum dlpkey=8019 | GSRN of the service recipient | Mã quan hệ dịch vụ: bên nhận (GSRN)
8019 N..10 | Service relation instance number | Số lần quan hệ dịch vụ
8020 X..25 | Payment slip reference number | Số tham chiếu phiếu thanh toán
8026 N14,csum N4 | ITIP of contained trade items | Mã từng phần của hàng chứa bên trong
8030 Z..90 | Digital signature (DigSig) | Chữ ký số GS1 (DigSig)
8110 X..70 | Coupon code (North America) | Mã phiếu giảm giá (Bắc Mỹ)
8111 N4 | Loyalty points of a coupon | Điểm thưởng của phiếu
8112 X..70 | Paperless coupon code (North America) | Mã phiếu giảm giá điện tử (Bắc Mỹ)
8200 X..70 | Extended packaging URL | Đường dẫn thông tin bao bì mở rộng
90 X..30 | Information agreed between trading partners | Thông tin nội bộ giữa các bên
91-99 X..90 | Company internal information | Thông tin nội bộ của doanh nghiệp
`;

const COMPONENT = /^(\[)?([NXYZ])(\.\.)?([0-9]+)(\])?((?:,[a-z0-9]+)*)$/;

function parseComponent(text: string): AiComponent {
  const m = COMPONENT.exec(text);
  if (!m) throw new Error(`AI table: bad component ${text}`);
  return { charset: m[2] as AiCharset, length: Number(m[4]), variable: !!m[3], optional: !!m[1], linters: m[6] ? m[6].slice(1).split(',') : [] };
}

function buildTable(): Map<string, AiDefinition> {
  const table = new Map<string, AiDefinition>();
  for (const line of TABLE.split('\n')) {
    if (!line.trim()) continue;
    const [spec = '', title_en = '', title_vi = ''] = line.split('|').map((s) => s.trim());
    const words = spec.split(/\s+/);
    const range = words.shift()!;
    const predefinedLength = words[0] === '*';
    if (predefinedLength) words.shift();
    let qualifierPaths: string[][] | null = null;
    const components: AiComponent[] = [];
    for (const word of words) {
      if (word.startsWith('dlpkey')) qualifierPaths = word.includes('=') ? word.slice(7).split('/').map((alt) => alt.split(',')) : [[]];
      else components.push(parseComponent(word));
    }
    const [first, last = first] = range.split('-') as [string, string?];
    for (let n = Number(first); n <= Number(last); n++) {
      const ai = String(n).padStart(first.length, '0');
      table.set(ai, { ai, predefinedLength, components, qualifierPaths, title_en, title_vi });
    }
  }
  return table;
}

let table: Map<string, AiDefinition> | null = null;

/** The definition of an AI ("01", "3103", "235"), or null when GS1 defines no such AI. */
export function lookupAi(ai: string): AiDefinition | null {
  table ??= buildTable();
  return table.get(ai) ?? null;
}

/**
 * The AI at the start of an element-string position: AIs are prefix-free, so the first
 * 2, 3 or 4 digits that name a defined AI are the AI. Null when none does.
 */
export function aiAtStart(text: string): AiDefinition | null {
  for (const length of [2, 3, 4]) {
    const candidate = text.slice(0, length);
    if (candidate.length < length || !/^[0-9]+$/.test(candidate)) return null;
    const found = lookupAi(candidate);
    if (found) return found;
  }
  return null;
}

/** Longest value an AI can carry (sum of its components' lengths). */
export function maxValueLength(def: AiDefinition): number {
  return def.components.reduce((sum, c) => sum + c.length, 0);
}

/** The value length of a predefined-length AI, or null when its value runs to a separator. */
export function fixedValueLength(def: AiDefinition): number | null {
  return def.predefinedLength ? maxValueLength(def) : null;
}
