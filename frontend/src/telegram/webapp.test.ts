import { describe, expect, it } from "vitest";
import { authorization, fromLaunchParams, isDark } from "./webapp";

describe("launch parameters", () => {
  it("reads initData and the theme from the URL fragment Telegram opens the app with", () => {
    const initData = "query_id=AAE&user=%7B%22id%22%3A42%7D&auth_date=1764090000&hash=ab";
    const theme = JSON.stringify({ bg_color: "#17212b", text_color: "#f5f5f5" });
    const hash = `#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppThemeParams=${encodeURIComponent(theme)}`;

    const app = fromLaunchParams(hash);

    expect(app?.initData).toBe(initData);
    expect(app?.themeParams.bg_color).toBe("#17212b");
    expect(app?.colorScheme).toBe("dark");
    expect(authorization(app)).toBe(`tma ${initData}`);
  });

  it("is nothing outside Telegram, and the app then asks as the local user", () => {
    expect(fromLaunchParams("")).toBeNull();
    expect(fromLaunchParams("#/some/anchor")).toBeNull();
    expect(authorization(null)).toBe("local");
  });

  it("keeps initData when the theme is malformed", () => {
    const app = fromLaunchParams("#tgWebAppData=a%3D1&tgWebAppThemeParams=%7Bnot-json");
    expect(app?.initData).toBe("a=1");
    expect(app?.themeParams).toEqual({});
  });

  it("treats empty initData as none", () => {
    expect(authorization({ initData: "", themeParams: {} })).toBe("local");
  });
});

describe("isDark", () => {
  it("tells Telegram's dark and light backgrounds apart", () => {
    expect(isDark("#17212b")).toBe(true);
    expect(isDark("#ffffff")).toBe(false);
    expect(isDark("not a colour")).toBe(false);
  });
});
