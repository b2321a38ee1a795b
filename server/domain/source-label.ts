// What a shopper reads as a record's source: the publication or office behind its URL
// ("Báo Dân Việt"), not the file and line of the gathered dataset (which stays in the API's
// provenance.sourceDocument for inspectors).

/** Host (without "www.") → the publication or office that runs it. Longest match wins. */
const PUBLISHERS: Record<string, string> = {
  'danviet.vn': 'Báo Dân Việt',
  'langngheviet.com.vn': 'Tạp chí Làng nghề Việt Nam',
  'tuoitrethudo.vn': 'Báo Tuổi trẻ Thủ đô',
  'baonghean.vn': 'Báo Nghệ An',
  'baolamdong.vn': 'Báo Lâm Đồng',
  'kinhtemoitruong.vn': 'Tạp chí Kinh tế Môi trường',
  'baogialai.com.vn': 'Báo Gia Lai',
  'baoangiang.com.vn': 'Báo An Giang',
  'khuyennongvn.gov.vn': 'Trung tâm Khuyến nông Quốc gia',
  'lhhtxocop.vn': 'Liên hiệp HTX OCOP',
  'baodantoc.vn': 'Báo Dân tộc và Phát triển',
  'ocoplamdong.gov.vn': 'Cổng OCOP tỉnh Lâm Đồng',
  'nhandan.vn': 'Báo Nhân Dân',
  'nhandan.com.vn': 'Báo Nhân Dân',
  'kinhtetieudung.vn': 'Tạp chí Kinh tế và Tiêu dùng',
  'thanhhoa.gov.vn': 'Cổng thông tin tỉnh Thanh Hoá',
  'nongnghiepmoitruong.vn': 'Báo Nông nghiệp và Môi trường',
  'clpl.vn': 'Tạp chí Chất lượng và Pháp luật',
  'dongthap.gov.vn': 'Cổng thông tin tỉnh Đồng Tháp',
  'agrimate.vn': 'Agrimate',
  'hanoimoi.vn': 'Báo Hànộimới',
  'hanoimoi.com.vn': 'Báo Hànộimới',
  'khuyennonghanoi.gov.vn': 'Trung tâm Khuyến nông Hà Nội',
  'baothanhhoa.vn': 'Báo Thanh Hoá',
  'baomoi.com': 'Báo Mới',
  'baoquangnam.vn': 'Báo Quảng Nam',
  'vietnamnet.vn': 'Báo VietNamNet',
  'yenbai.gov.vn': 'Cổng thông tin tỉnh Yên Bái',
  'quangtri.gov.vn': 'Cổng thông tin tỉnh Quảng Trị',
  'cadn.com.vn': 'Báo Công an Đà Nẵng',
  'hanoi.gov.vn': 'Cổng thông tin TP Hà Nội',
  'vccinews.vn': 'VCCI News',
  'thuathienhue.gov.vn': 'Sở Nông nghiệp tỉnh Thừa Thiên Huế',
  'kinhtenongthon.vn': 'Báo Kinh tế Nông thôn',
  'vietnamnews.vn': 'Báo Việt Nam News',
  'vietnam.vn': 'Cổng thông tin vietnam.vn',
  'quangnam.gov.vn': 'Cổng thông tin tỉnh Quảng Nam',
  'bacgiang.gov.vn': 'Cổng thông tin tỉnh Bắc Giang',
  'daibieunhandan.vn': 'Báo Đại biểu Nhân dân',
  'baobackan.com.vn': 'Báo Bắc Kạn',
  'thuonghieusanpham.vn': 'Tạp chí Thương hiệu và Sản phẩm',
  'moitruongdulich.vn': 'Tạp chí Môi trường và Du lịch',
  'vtcnews.vn': 'Báo VTC News',
  'vov.gov.vn': 'Đài Tiếng nói Việt Nam',
  'hanam.gov.vn': 'Sở Nông nghiệp tỉnh Hà Nam',
  'baodaknong.org.vn': 'Báo Đắk Nông',
  'thuonghieucongluan.com.vn': 'Tạp chí Thương hiệu và Công luận',
  'kinhtedothi.vn': 'Báo Kinh tế và Đô thị',
  'danang.gov.vn': 'Cổng thông tin TP Đà Nẵng',
  'wipo.vn': 'Cục Sở hữu trí tuệ',
  'vietq.vn': 'Tạp chí VietQ',
  'chinhphu.vn': 'Cổng thông tin Chính phủ',
  'mttqhanoi.org.vn': 'Uỷ ban MTTQ TP Hà Nội',
  'congthuong.vn': 'Báo Công Thương',
  'laodongthudo.vn': 'Báo Lao động Thủ đô',
  'hanoitimes.vn': 'Hanoi Times',
  'vietnamplus.vn': 'VietnamPlus',
  'dangcongsan.vn': 'Báo Điện tử Đảng Cộng sản',
  'bnews.vn': 'BNEWS (TTXVN)',
  'binhdinh.gov.vn': 'Cổng thông tin tỉnh Bình Định',
  'gs1.org': 'GS1',
};

/** Open datasets on GitHub, by owner/repository. */
const DATASETS: Record<string, string> = {
  'Luyen05/ocop-lamdong-portal': 'Dữ liệu cổng OCOP tỉnh Lâm Đồng',
  'thanglequoc/vietnamese-provinces-database': 'Cơ sở dữ liệu đơn vị hành chính Việt Nam',
  'sunshine-tech/VietnamProvinces': 'Bảng chuyển đổi đơn vị hành chính 2025',
  'jodal/biip': 'Bảng tiền tố GS1',
};

/** The publication or office behind a source URL ("Báo Dân Việt"), else its host name. */
export function sourcePublisher(url: string): string {
  let host: string;
  let path: string;
  try {
    const u = new URL(url);
    host = u.hostname.toLowerCase().replace(/^www\./, '').replace(/^m\./, '');
    path = u.pathname;
  } catch {
    return url;
  }
  if (host === 'github.com') {
    const repo = path.split('/').slice(1, 3).join('/');
    return DATASETS[repo] ?? `github.com/${repo}`;
  }
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
    const name = PUBLISHERS[h];
    if (name) return name;
  }
  return host;
}
