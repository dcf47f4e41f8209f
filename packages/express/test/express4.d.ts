// `express4` is an npm alias of express@4; typed like express for what these tests use.
declare module 'express4' {
  import express from 'express';
  export default express;
}
