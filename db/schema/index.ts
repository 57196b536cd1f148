export * from "./accounts";
export * from "./coaches";
export * from "./files";
export * from "./platform";
