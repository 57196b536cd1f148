export * from "./accounts";
export * from "./booking";
export * from "./coaches";
export * from "./files";
export * from "./learning";
export * from "./payments";
export * from "./platform";
