// A typed client of the service: `paths` is generated from the running
// service's /openapi.json by openapi-typescript (client.test.mjs writes
// generated/api.d.ts), the calls go through openapi-fetch. `tsc --strict`
// must accept this file, and each `@ts-expect-error` line must be an error.
import createClient from "openapi-fetch";
import type { paths } from "./generated/api.js";

type Award = paths["/v1/award"]["post"]["responses"][200]["content"]["application/json"];

export async function award(baseUrl: string): Promise<string> {
  const client = createClient<paths>({ baseUrl });
  const { data, error } = await client.POST("/v1/award", {
    params: { query: { ruleset: "cn/shaanxi", explain: true } },
    body: {
      category: "male",
      birth: "1965-03",
      retirement_month: "2025-03",
      contribution_months: 420,
      deemed_months: 0,
      average_index: "1.0",
      account_balance: "200000",
    },
  });
  if (error) {
    // A problem: its stable code and field paths.
    const code: string = error.code;
    const paths: string[] = error.fields.map((f) => f.path);
    return `${code} ${paths.join(",")}`;
  }
  const a = data as Award;
  const total: string = a.total; // a decimal string, never a float
  return total;
}

export async function wrong(baseUrl: string): Promise<void> {
  const client = createClient<paths>({ baseUrl });
  // @ts-expect-error: no such computation
  await client.POST("/v1/pension", { body: {} });
  await client.POST("/v1/retirement", {
    params: { query: { ruleset: "cn/national" } },
    // @ts-expect-error: the category is one of the schedules, not a number
    body: { birth: "1976-02", category: 5 },
  });
}
