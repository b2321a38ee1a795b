// What can go wrong with the camera or the decoder, as stable codes with a sentence for
// the shopper (Vietnamese first, English second), the same shape as the domain's errors.
import type { CodedError } from '../../server/domain/coded-error';

export type ScannerErrorCode =
  | 'permission_denied'
  | 'no_camera'
  | 'camera_in_use'
  | 'insecure_context'
  | 'unsupported'
  /** The camera failed to start for another reason, or stopped while scanning. */
  | 'camera_failed'
  /** The decoder (.wasm) could not be loaded, e.g. offline before it was ever cached. */
  | 'decoder_unavailable'
  /** A chosen photo could not be opened as an image. */
  | 'image_unreadable';

const MESSAGES: Record<ScannerErrorCode, [vi: string, en: string]> = {
  permission_denied: [
    'Ứng dụng chưa được phép dùng camera. Hãy cho phép camera trong cài đặt trình duyệt rồi thử lại, hoặc chọn ảnh chụp mã.',
    'Camera access was denied. Allow the camera in your browser settings and try again, or pick a photo of the code.',
  ],
  no_camera: [
    'Không tìm thấy camera trên thiết bị này. Hãy chọn ảnh chụp mã hoặc nhập mã bằng tay.',
    'No camera was found on this device. Pick a photo of the code or type it in.',
  ],
  camera_in_use: [
    'Camera đang được ứng dụng khác dùng. Hãy đóng ứng dụng đó rồi thử lại.',
    'The camera is being used by another app. Close that app and try again.',
  ],
  insecure_context: [
    'Trình duyệt chỉ cho dùng camera trên trang bảo mật (https). Hãy mở ứng dụng bằng địa chỉ https.',
    'Browsers allow the camera only on secure (https) pages. Open the app with an https address.',
  ],
  unsupported: [
    'Trình duyệt này không quét được bằng camera. Hãy chọn ảnh chụp mã hoặc nhập mã bằng tay.',
    'This browser cannot scan with the camera. Pick a photo of the code or type it in.',
  ],
  camera_failed: ['Camera đã ngừng hoạt động. Hãy thử lại.', 'The camera stopped working. Please try again.'],
  decoder_unavailable: [
    'Không tải được bộ đọc mã. Hãy kết nối mạng rồi mở lại trang quét.',
    'The code reader could not be loaded. Connect to the internet and open the scan page again.',
  ],
  image_unreadable: ['Không mở được ảnh này. Hãy chọn ảnh JPEG hoặc PNG.', 'This image could not be opened. Pick a JPEG or PNG photo.'],
};

/** A camera or decoder failure with a stable code; `cause` keeps the browser's own error. */
export class ScannerError extends Error implements CodedError<ScannerErrorCode> {
  readonly code: ScannerErrorCode;
  readonly message_vi: string;
  readonly message_en: string;

  constructor(code: ScannerErrorCode, cause?: unknown) {
    const [vi, en] = MESSAGES[code];
    super(en, cause === undefined ? undefined : { cause });
    this.name = 'ScannerError';
    this.code = code;
    this.message_vi = vi;
    this.message_en = en;
  }
}

/** Map a getUserMedia / play() failure (a DOMException by name) to a ScannerError. */
export function cameraErrorFrom(error: unknown): ScannerError {
  if (error instanceof ScannerError) return error;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new ScannerError('permission_denied', error);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new ScannerError('no_camera', error);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new ScannerError('camera_in_use', error);
    case 'TypeError':
    case 'NotSupportedError':
      return new ScannerError('unsupported', error);
    default:
      return new ScannerError('camera_failed', error);
  }
}
