export * from './units';
export * from './people';
export * from './auth';
export * from './campaigns';
export * from './audit';
