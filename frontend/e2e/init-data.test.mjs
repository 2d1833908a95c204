// The e2e tests' initData signer against core's InitDataValidatorTest vector (made there with Python's hmac).
import assert from "node:assert/strict";
import { test } from "node:test";
import { signInitData } from "./init-data.mjs";

test("signs initData exactly as the vector core's validator is tested with", () => {
  const signed = signInitData("123456789:AAH-test_token_for_cairn_vectors_0123", {
    auth_date: "1764090000",
    user: JSON.stringify({ id: 42, first_name: "Zoë" }),
  });
  const params = new URLSearchParams(signed);
  assert.equal(params.get("hash"), "740b698d789f392cea723cdf860125d5e948351d9e57233c853d61f09ba29914");
  assert.equal(params.get("user"), '{"id":42,"first_name":"Zoë"}');
});
