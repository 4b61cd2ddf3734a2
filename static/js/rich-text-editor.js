/*
 * Starts CKEditor 5 on every <textarea data-rich-text> (see intloffice/widgets.py).
 *
 * Configuration comes from data- attributes only (no inline script, for the CSP):
 *   data-language      CKEditor's UI language code (en, zh-cn, ru)
 *   data-content-language  the language of the text being edited, when it has one
 *   data-upload-url    where images are uploaded; without it, no image upload
 *   data-new-tab-label the translated label of the "open in a new tab" switch
 *   data-library-url   the media library's picker (rich-text-library.js)
 *   data-labels        the translated words of the library's dialogs, as JSON
 *
 * The editor is a convenience, not a security boundary: the server cleans the HTML.
 */
"use strict";

(function () {
    const {
        ClassicEditor, Essentials, Paragraph, Heading, Bold, Italic, Link, List, BlockQuote,
        Table, TableToolbar, Image, ImageUpload, ImageCaption, ImageToolbar,
        ImageTextAlternative, Autoformat, PasteFromOffice,
    } = window.CKEDITOR;

    const editors = new WeakMap();

    function editorConfig(textarea) {
        const uploadUrl = textarea.dataset.uploadUrl;
        const plugins = [
            Essentials, Paragraph, Heading, Bold, Italic, Link, List, BlockQuote,
            Table, TableToolbar, Image, ImageCaption, ImageToolbar, ImageTextAlternative,
            Autoformat, PasteFromOffice,
        ];
        const toolbar = [
            "undo", "redo", "|", "heading", "|", "bold", "italic", "link", "|",
            "bulletedList", "numberedList", "blockQuote", "insertTable",
        ];
        const config = {
            attachTo: textarea,
            licenseKey: "GPL",
            language: {
                ui: textarea.dataset.language || "en",
                content: textarea.dataset.contentLanguage || textarea.dataset.language || "en",
            },
            plugins,
            toolbar,
            heading: {
                // Titles CKEditor knows are shown translated.
                options: [
                    {model: "paragraph", title: "Paragraph", class: "ck-heading_paragraph"},
                    {model: "heading2", view: "h2", title: "Heading 2", class: "ck-heading_heading2"},
                    {model: "heading3", view: "h3", title: "Heading 3", class: "ck-heading_heading3"},
                    {model: "heading4", view: "h4", title: "Heading 4", class: "ck-heading_heading4"},
                ],
            },
            link: {
                defaultProtocol: "https://",
                decorators: {
                    openInNewTab: {
                        mode: "manual",
                        label: textarea.dataset.newTabLabel || "Open in a new tab",
                        attributes: {target: "_blank", rel: "noopener noreferrer"},
                    },
                },
            },
            image: {toolbar: ["toggleImageCaption", "imageTextAlternative"]},
            table: {contentToolbar: ["tableColumn", "tableRow", "mergeTableCells"]},
        };
        if (uploadUrl) {
            // The upload asks for the picture's description first (rich-text-library.js).
            plugins.push(ImageUpload, window.RichTextLibrary.uploadAdapterPlugin(textarea));
            toolbar.push("uploadImage");
            config.image.upload = {types: ["jpeg", "png", "webp", "gif"]};
        }
        return config;
    }

    function startEditor(textarea) {
        // The admin's hidden template row for inlines ("__prefix__") starts once copied.
        if (editors.has(textarea) || textarea.closest(".empty-form") || textarea.name.includes("__prefix__")) {
            return;
        }
        editors.set(textarea, null);
        const wasRequired = textarea.required;
        // The editor hides the textarea: a `required` one would block submit with a
        // message nobody can see. The server says "This field is required." instead.
        textarea.required = false;
        ClassicEditor.create(editorConfig(textarea)).then((editor) => {
            editors.set(textarea, editor);
            if (textarea.dataset.uploadUrl) {
                window.RichTextLibrary.setAltOnUpload(editor);
                if (textarea.dataset.libraryUrl) {
                    window.RichTextLibrary.addLibraryButton(editor, textarea);
                }
            }
            textarea.dataset.richTextReady = "";
            if (textarea.form) {
                textarea.form.addEventListener("submit", () => editor.updateSourceElement(), true);
            }
            // Whoever watches the form (the language tabs' state) sees the text change.
            editor.model.document.on("change:data", () => {
                editor.updateSourceElement();
                textarea.dispatchEvent(new Event("input", {bubbles: true}));
            });
        }).catch((error) => {
            editors.delete(textarea);
            textarea.required = wasRequired;
            console.error("The rich-text editor did not start:", error);
        });
    }

    function startEditorsIn(root) {
        root.querySelectorAll("textarea[data-rich-text]").forEach(startEditor);
    }

    // Django admin fires `formset:added` on the new inline row ("Add another").
    document.addEventListener("formset:added", (event) => startEditorsIn(event.target));

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", () => startEditorsIn(document));
    } else {
        startEditorsIn(document);
    }
})();
