export * from './units';
export * from './people';
export * from './auth';
export * from './campaigns';
export * from './audit';
export * from './activities';
export * from './teams';
export * from './initiatives';
