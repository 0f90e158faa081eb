/**
 * Crowd from the browser: an enterprise (鹰潭) posts a 众包 task whose reward goes into escrow; a
 * person (the founder) bids; the enterprise picks the bid; the founder uploads the result; the
 * enterprise accepts and the task is completed. Then a supply post is found by pinyin and
 * contacted through the platform, and its owner (玉溪) replies in the thread. A visitor on a phone
 * reads the public task list as cards. No page shows an internal identifier.
 */
import { describe, expect, it } from 'vitest';
import { expectNoIdentifiers } from './identifiers.js';
import { browserSession, followNav, samplePdf, scenario, screenshotPath, signIn, unique } from './harness.js';

const session = browserSession({ timeout: 20000 });
const { url, errors } = session;
const as = (username: string | null, viewport?: { width: number; height: number }) => session.person(username, false, viewport);

describe('crowd tasks and supply/demand', () => {
  it('posts a task, takes a bid, picks it, receives the delivery and accepts it', async () => {
    const title = `门店宣传海报设计 ${unique()}`;
    const poster = await as('ent.yingtan');
    const taskUrl = await scenario(poster, 'crowd-post-task', async () => {
      await followNav(poster, '众包供需');
      await poster.getByRole('heading', { level: 1, name: '众包任务' }).waitFor();
      await expectNoIdentifiers(poster, 'crowd-tasks');
      await poster.getByRole('link', { name: '发布任务' }).click();
      await poster.getByRole('heading', { level: 1, name: '发布众包任务' }).waitFor();
      await poster.getByTestId('crowd-task-title').fill(title);
      await poster.getByTestId('crowd-task-description').fill('设计一张门店宣传海报，交付 PDF。');
      await poster.getByTestId('crowd-task-reward').fill('0');
      await poster.getByTestId('crowd-task-submit').click();
      // A reward of 0 is refused, naming the field.
      await poster.getByText('赏金应大于 0 元').first().waitFor();
      await poster.getByTestId('crowd-task-reward').fill('500');
      await poster.getByTestId('crowd-task-submit').click();
      await poster.getByRole('heading', { level: 1, name: title }).waitFor();
      await poster.getByText('征集中').first().waitFor();
      await poster.getByText('赏金已由平台托管').waitFor();
      return poster.url();
    });

    const founder = await as('founder');
    await scenario(founder, 'crowd-bid', async () => {
      await founder.goto(taskUrl);
      await founder.getByRole('heading', { level: 1, name: title }).waitFor();
      await founder.getByTestId('crowd-bid-price').fill('600');
      await founder.getByTestId('crowd-bid-message').fill('三天内出初稿');
      await founder.getByTestId('crowd-bid-submit').click();
      await founder.getByText('报价不能高于任务赏金').first().waitFor();
      await founder.getByTestId('crowd-bid-price').fill('450');
      await founder.getByTestId('crowd-bid-submit').click();
      await founder.getByText('（您的投标）').waitFor();
    });

    await scenario(poster, 'crowd-pick', async () => {
      await poster.reload();
      await poster.getByTestId('crowd-pick').click();
      await poster.getByText('已选定').first().waitFor();
    });

    await scenario(founder, 'crowd-deliver', async () => {
      await founder.reload();
      await founder.getByTestId('crowd-deliver').waitFor();
      await founder.locator('[data-testid="crowd-deliver"] input[type="file"]').setInputFiles({ name: '海报.pdf', mimeType: 'application/pdf', buffer: samplePdf('Result') });
      await founder.getByTestId('crowd-deliver-submit').click();
      await founder.getByText('已交付待验收').first().waitFor();
      await founder.getByRole('link', { name: '海报.pdf' }).waitFor();
    });

    await scenario(poster, 'crowd-accept', async () => {
      await poster.reload();
      await poster.getByRole('link', { name: '海报.pdf' }).waitFor();
      await poster.getByTestId('crowd-accept').click();
      await poster.getByText('已完成').first().waitFor();
      await expect.poll(() => poster.getByTestId('crowd-accept').count(), { timeout: 15_000 }).toBe(0);
      await poster.screenshot({ path: screenshotPath('crowd-task-completed'), fullPage: true });
    });

    await scenario(founder, 'crowd-my-bids', async () => {
      await founder.goto(url('/crowd/mine'));
      await founder.getByRole('tab', { name: '我的投标' }).click();
      await founder.getByRole('link', { name: title }).waitFor();
      await founder.getByText('已中标').first().waitFor();
    });
  });

  it('finds a supply post by pinyin, contacts its owner through the platform, and the owner replies', async () => {
    const contact = await as('ent.nanning');
    const threadUrl = await scenario(contact, 'crowd-contact', async () => {
      await contact.goto(url('/crowd/posts'));
      await contact.getByRole('heading', { level: 1, name: '供需对接' }).waitFor();
      await contact.getByTestId('crowd-post-search').locator('input').fill('jiance');
      await contact.getByTestId('crowd-post-search').locator('input').press('Enter');
      await contact.getByRole('link', { name: '植物提取物检测服务' }).click();
      await contact.getByRole('heading', { level: 1, name: '植物提取物检测服务' }).waitFor();
      // No phone number or e-mail is shown: contact goes through the platform.
      expect(await contact.locator('body').innerText()).not.toMatch(/1[3-9]\d{9}|@/);
      await contact.getByTestId('crowd-contact-text').fill('想委托检测两批样品，请问周期多久？');
      await contact.getByTestId('crowd-contact-send').click();
      await contact.waitForURL(/\/crowd\/threads\//);
      await contact.getByTestId('crowd-message').getByText('想委托检测两批样品，请问周期多久？').waitFor();
      return contact.url();
    });

    const owner = await as('ent.yuxi');
    await scenario(owner, 'crowd-reply', async () => {
      await owner.goto(url('/crowd/threads'));
      await owner.getByRole('link', { name: '植物提取物检测服务' }).first().click();
      await owner.getByText('想委托检测两批样品，请问周期多久？').waitFor();
      await owner.getByTestId('crowd-reply-text').fill('一般五个工作日出报告。');
      await owner.getByTestId('crowd-reply-send').click();
      await owner.getByText('一般五个工作日出报告。').waitFor();
    });

    await scenario(contact, 'crowd-thread-read', async () => {
      await contact.goto(threadUrl);
      await contact.getByText('一般五个工作日出报告。').waitFor();
      await expect(contact.getByTestId('crowd-message').count()).resolves.toBe(2);
    });
  });

  it('lets an officer of the region arbitrate a dispute', async () => {
    const officer = await as(null);
    await signIn(officer, session.baseUrl(), 'officer.yingtan', true);
    await scenario(officer, 'crowd-arbitrate', async () => {
      await followNav(officer, '众包仲裁');
      await officer.getByRole('heading', { level: 1, name: '众包仲裁' }).waitFor();
      await officer.getByRole('link', { name: '产品宣传短视频剪辑' }).click();
      await officer.getByText('只交付了分镜脚本').waitFor();
      await officer.getByText('退还发布方').click();
      await officer.getByTestId('crowd-arbitrate-form').getByRole('textbox').fill('中标方未按约定交付短视频，赏金退还发布方。');
      await officer.getByTestId('crowd-arbitrate-submit').click();
      await officer.getByText('已退款').first().waitFor();
      await expect.poll(() => officer.getByTestId('crowd-arbitrate-form').count(), { timeout: 15_000 }).toBe(0);
    });
  });

  it('reads the public task list as cards on a phone', async () => {
    const phone = await as(null, { width: 390, height: 844 });
    await scenario(phone, 'crowd-phone', async () => {
      await phone.goto(url('/crowd/tasks'));
      await phone.getByTestId('crowd-tasks-cards').waitFor();
      await phone.getByText('电商直播带货方案策划').waitFor();
      await phone.screenshot({ path: screenshotPath('crowd-tasks-phone'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });
});
