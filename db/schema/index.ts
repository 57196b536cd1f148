export * from "./accounts";
export * from "./booking";
export * from "./coaches";
export * from "./files";
export * from "./payments";
export * from "./platform";
export * from "./learning";
