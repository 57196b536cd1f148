/** The English resources must have exactly the keys of the Chinese ones, with string values. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
