// Drives headless Debian Chromium through playwright-core for tools/take_screenshots.sh.
// Arguments: NiFi base URL, process group id, InvokeTencentOCR id, output folder.
import { chromium } from 'playwright-core';

const [base, group, invoke, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1500, height: 1900 } });
// the canvas without the floating Navigation and Operation palettes, which would cover the flow
const hidePalettes = () => page.addStyleTag({ content: 'navigation-control, operation-control { display: none !important; }' });

await page.goto(`${base}/#/process-groups/${group}`);
await page.waitForSelector('g.processor', { timeout: 60000 });
await hidePalettes();
await page.waitForTimeout(3000);
await page.screenshot({ path: `${out}/example-flow.png` });

await page.setViewportSize({ width: 1400, height: 900 });
await page.goto(`${base}/#/process-groups/${group}/Processor/${invoke}/edit`);
await page.getByRole('tab', { name: 'Properties' }).click({ timeout: 60000 });
await page.waitForTimeout(2000);
await page.screenshot({ path: `${out}/invoke-tencent-ocr-properties.png` });
await browser.close();
