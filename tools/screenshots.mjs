// Drives headless Debian Chromium through playwright-core for tools/take_screenshots.sh.
// Arguments: NiFi base URL, process group id, InvokeTencentOCR id, output folder, the group's client service id.
// Shoots: the flow after its run (example-flow.png), InvokeTencentOCR's properties, its OCR Action list opened
// (ocr-action-list.png; the processor is stopped first so the property can be edited) and the client service with
// static keys (client-service.png).
import { chromium } from 'playwright-core';

const [base, group, invoke, out, service] = process.argv.slice(2);
const api = base.replace(/\/nifi$/, '/nifi-api');
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

// a running processor's properties are read-only: stop it, and wait until NiFi says so
const processor = await (await fetch(`${api}/processors/${invoke}`)).json();
const stop = await fetch(`${api}/processors/${invoke}/run-status`, {
  method: 'PUT', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ revision: { clientId: 'screenshots', version: processor.revision.version }, state: 'STOPPED' }),
});
if (!stop.ok) throw new Error(`stopping InvokeTencentOCR: HTTP ${stop.status} ${await stop.text()}`);
for (let i = 0; i < 60; i++) {
  const state = (await (await fetch(`${api}/processors/${invoke}`)).json()).component.state;
  if (state === 'STOPPED') break;
  await new Promise(resolve => setTimeout(resolve, 500));
}
await page.goto('about:blank'); // the same URL again would keep the read-only dialog opened while it ran
await page.goto(`${base}/#/process-groups/${group}/Processor/${invoke}/edit`);
await page.getByRole('tab', { name: 'Properties' }).click({ timeout: 60000 });
await hidePalettes();
await page.waitForTimeout(2000);
await page.locator('property-table tbody tr', { hasText: 'OCR Action' }).locator('[cdkoverlayorigin]').click();
await page.waitForTimeout(1500);
await page.click('mat-select');
await page.waitForTimeout(1500);
await page.screenshot({ path: `${out}/ocr-action-list.png` });

await page.goto(`${base}/#/process-groups/${group}/controller-services/${service}/edit`);
await page.getByRole('tab', { name: 'Properties' }).click({ timeout: 60000 });
await page.waitForTimeout(2000);
await page.screenshot({ path: `${out}/client-service.png` });
await browser.close();
