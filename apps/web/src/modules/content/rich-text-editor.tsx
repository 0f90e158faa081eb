/**
 * The rich-text editor officers write content in: Tiptap (ProseMirror) with the starter kit
 * (headings, lists, quotes, links) and images uploaded through the files module and shown from
 * the content file address. Its HTML is sanitised again on the server before it is stored.
 */
import { useRef, useState } from 'react';
import { App as AntApp, Button, Input, Modal, Space, Tooltip } from 'antd';
import { BoldOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, PictureOutlined, RedoOutlined, UnderlineOutlined, UndoOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { contentFileHref, uploadFile } from './content.api';

export interface RichTextEditorProps {
  /** Given by the Form.Item the editor sits in. */
  value?: string;
  onChange?: (html: string) => void;
  tx: (zh: string, en: string) => string;
  label: string;
}

export function RichTextEditor({ value, onChange, tx, label }: RichTextEditorProps) {
  const { message } = AntApp.useApp();
  const [uploading, setUploading] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2, 3] }, link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] } }), Image.configure({ inline: false })],
    content: value ?? '',
    editorProps: { attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', 'data-testid': 'content-editor', class: 'sb-rich-text sb-editor' } },
    onUpdate: ({ editor: e }) => onChange?.(e.isEmpty ? '' : e.getHTML()),
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      underline: e?.isActive('underline') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });
  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const tool = (key: string, title: string, icon: React.ReactNode, active: boolean, run: () => void) => (
    <Tooltip title={title} key={key}>
      <Button size="small" type={active ? 'primary' : 'default'} icon={icon} aria-label={title} aria-pressed={active} onClick={run} />
    </Tooltip>
  );
  const onImage = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    try {
      const stored = await uploadFile(file);
      if (!stored.contentType.startsWith('image/')) {
        void message.error(tx('正文中只能插入 JPEG 或 PNG 图片', 'Only JPEG or PNG pictures can go into the text'));
        return;
      }
      chain().setImage({ src: contentFileHref(stored.id), alt: stored.name.replace(/\.[a-z]+$/i, '') }).run();
      void message.success(tx('图片已插入', 'Picture inserted'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };
  return (
    <div className="sb-editor-frame">
      <Space wrap size={4} role="toolbar" aria-label={tx('编辑工具', 'Editing tools')} style={{ marginBottom: 8 }}>
        {tool('bold', tx('加粗', 'Bold'), <BoldOutlined />, state?.bold ?? false, () => chain().toggleBold().run())}
        {tool('italic', tx('斜体', 'Italic'), <ItalicOutlined />, state?.italic ?? false, () => chain().toggleItalic().run())}
        {tool('underline', tx('下划线', 'Underline'), <UnderlineOutlined />, state?.underline ?? false, () => chain().toggleUnderline().run())}
        <Tooltip title={tx('小标题', 'Heading')}>
          <Button size="small" type={state?.h2 ? 'primary' : 'default'} aria-pressed={state?.h2 ?? false} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
            {tx('标题', 'H2')}
          </Button>
        </Tooltip>
        {tool('bullet', tx('项目符号列表', 'Bulleted list'), <UnorderedListOutlined />, state?.bullet ?? false, () => chain().toggleBulletList().run())}
        {tool('ordered', tx('编号列表', 'Numbered list'), <OrderedListOutlined />, state?.ordered ?? false, () => chain().toggleOrderedList().run())}
        {tool('link', tx('链接', 'Link'), <LinkOutlined />, state?.link ?? false, () => {
          setHref((editor.getAttributes('link').href as string | undefined) ?? 'https://');
          setLinkOpen(true);
        })}
        <Button size="small" icon={<PictureOutlined aria-hidden />} loading={uploading} onClick={() => picker.current?.click()}>
          {uploading ? tx('正在上传…', 'Uploading…') : tx('插入图片', 'Picture')}
        </Button>
        <input ref={picker} type="file" accept="image/png,image/jpeg" data-testid="editor-image" hidden aria-label={tx('选择图片', 'Choose a picture')} onChange={(e) => void onImage(e.target.files?.[0]).then(() => (e.target.value = ''))} />
        {tool('undo', tx('撤销', 'Undo'), <UndoOutlined />, false, () => chain().undo().run())}
        {tool('redo', tx('重做', 'Redo'), <RedoOutlined />, false, () => chain().redo().run())}
      </Space>
      <EditorContent editor={editor} />
      <Modal
        open={linkOpen}
        title={tx('插入链接', 'Insert a link')}
        okText={tx('确定', 'OK')}
        cancelText={tx('取消', 'Cancel')}
        onCancel={() => setLinkOpen(false)}
        onOk={() => {
          const url = href.trim();
          if (url === '' || url === 'https://') chain().extendMarkRange('link').unsetLink().run();
          else chain().extendMarkRange('link').setLink({ href: url }).run();
          setLinkOpen(false);
        }}
      >
        <Input value={href} onChange={(e) => setHref(e.target.value)} aria-label={tx('网址', 'Address')} placeholder="https://" />
      </Modal>
    </div>
  );
}
