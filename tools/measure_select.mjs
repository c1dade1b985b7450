// Measures NiFi's property select in the real UI, for the OCR Action labels (tools/generate_ocr_actions.py) and the UI test
// over the extension manifest (ActionLabelsTest). Driven by tools/take_screenshots.sh --measure against the rig NiFi:
// stops InvokeTencentOCR so its properties can be edited, opens the OCR Action select and writes, as JSON, the widths
// (px) NiFi gives a label (the select's chosen value, an option of the open list, the ticked option beside its check mark,
// the property table's value cell), the narrowest of them, the font, the advance width of every printable ASCII character
// in it, and which of the current labels are cut ("…") in the open list.
// Arguments: NiFi base URL, process group id, InvokeTencentOCR id, output file.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const [base, group, invoke, out] = process.argv.slice(2);
const api = base.replace(/\/nifi$/, '/nifi-api');
const processor = await (await fetch(`${api}/processors/${invoke}`)).json();
await fetch(`${api}/processors/${invoke}/run-status`, {
  method: 'PUT', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ revision: processor.revision, state: 'STOPPED' }),
});

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(`${base}/#/process-groups/${group}/Processor/${invoke}/edit`);
await page.getByRole('tab', { name: 'Properties' }).click({ timeout: 60000 });
await page.waitForTimeout(2000);
const row = page.locator('property-table tbody tr', { hasText: 'OCR Action' });
const cell = await row.locator('.text-ellipsis').nth(1).evaluate(el => el.parentElement.clientWidth);
await row.locator('[cdkoverlayorigin]').click();
await page.waitForTimeout(1500);
await page.click('mat-select');
await page.waitForTimeout(1500);
const measured = await page.evaluate(() => {
  const options = [...document.querySelectorAll('mat-option')];
  const text = option => option.querySelector('.mdc-list-item__primary-text');
  const font = getComputedStyle(text(options[0])).font;
  const canvas = document.createElement('canvas').getContext('2d');
  canvas.font = font;
  const advance = {};
  for (let c = 32; c < 127; c++) {
    advance[String.fromCharCode(c)] = Math.round(canvas.measureText(String.fromCharCode(c)).width * 1000) / 1000;
  }
  advance['\u00b7'] = Math.round(canvas.measureText('\u00b7').width * 1000) / 1000;
  // the room an option gives its text: its width less its padding, and for the ticked one its check mark and margin too
  const room = option => {
    const style = getComputedStyle(option);
    const check = option.querySelector('mat-pseudo-checkbox');
    return option.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
        - (check ? check.getBoundingClientRect().width + parseFloat(getComputedStyle(check).marginLeft) + parseFloat(getComputedStyle(check).marginRight) : 0);
  };
  const ticked = options.find(option => option.getAttribute('aria-selected') === 'true');
  const plain = options.find(option => option.getAttribute('aria-selected') !== 'true');
  return {
    font,
    selectValueWidthPx: document.querySelector('.mat-mdc-select-value').clientWidth,
    optionTextWidthPx: room(plain),
    tickedOptionTextWidthPx: room(ticked),
    panelWidthPx: Math.round(document.querySelector('.mat-mdc-select-panel').getBoundingClientRect().width * 100) / 100,
    labels: options.length,
    labelsCut: options.filter(option => text(option).scrollWidth > text(option).clientWidth).map(option => text(option).textContent.trim()),
    advanceWidthsPx: advance,
  };
});
await browser.close();
const result = {
  nifi: '2.3.0', browser: 'Debian Chromium, viewport 1400 x 900',
  where: 'InvokeTencentOCR > Properties > OCR Action, its select opened',
  ...measured, propertyTableValueWidthPx: cell,
};
result.narrowestPx = Math.min(result.selectValueWidthPx, result.optionTextWidthPx, result.tickedOptionTextWidthPx, cell);
writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
console.log(`select ${result.selectValueWidthPx} px, options ${result.optionTextWidthPx} px, ticked ${result.tickedOptionTextWidthPx} px, `
    + `table ${cell} px: a label gets ${result.narrowestPx} px; ${result.labelsCut.length} of ${result.labels} labels cut`);
