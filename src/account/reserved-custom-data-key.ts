/**
 * The top-level custom-data key where this service keeps its own per-user state (a scheduled deletion, the
 * activity records: ReservedDataService). It is never user-visible or user-editable: a custom-data schema
 * declaring it is refused at boot, and CustomDataPolicy skips it whatever the schema says. A file of its own
 * so the config loader, which checks the schema, does not load the service.
 */
export const RESERVED_CUSTOM_DATA_KEY = '__accountService';
