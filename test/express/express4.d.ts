// `express4` is an npm alias of express@4; its API is typed like express's for what these tests use.
declare module 'express4' {
  import express from 'express';
  export default express;
}
