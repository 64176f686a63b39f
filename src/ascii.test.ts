import { asciiLowerCase } from "./ascii";

test("asciiLowerCase folds A-Z only", () => {
  expect(asciiLowerCase("Work_MEM")).toBe("work_mem");
  expect(asciiLowerCase("already_lower")).toBe("already_lower");
  // The Kelvin sign and a dotted capital I are not ASCII: PostgreSQL leaves them as they are.
  expect(asciiLowerCase("WOR\u212A_MEM")).toBe("wor\u212A_mem");
  expect(asciiLowerCase("\u0130X")).toBe("\u0130x");
});
