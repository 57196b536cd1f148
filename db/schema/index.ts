export * from "./accounts";
export * from "./booking";
export * from "./coaches";
export * from "./files";
export * from "./platform";
export * from "./payments";
