// Web tests run in happy-dom with a real (in-memory) IndexedDB implementation.
import 'fake-indexeddb/auto';
