/*
 * The media library inside the rich-text editor (see core/library/):
 *   - an upload adapter that asks for the picture's description (or "decorative")
 *     before sending the file, so that every uploaded image has its alt text;
 *   - an "Insert from library" button beside each editor, opening a picker of the
 *     images uploaded before, so that a photo is uploaded once and used anywhere.
 *
 * Our own dialogs, built with DOM calls (no inline script or style, for the CSP).
 * Labels come translated from the textarea's data-labels (core/widgets.py).
 */
"use strict";

window.RichTextLibrary = (function () {
    function labelsOf(textarea) {
        try {
            return JSON.parse(textarea.dataset.labels || "{}");
        } catch (error) {
            return {};
        }
    }

    function element(tag, attributes, ...children) {
        const node = document.createElement(tag);
        Object.entries(attributes || {}).forEach(([name, value]) => {
            if (name === "text") {
                node.textContent = value;
            } else {
                node.setAttribute(name, value);
            }
        });
        node.append(...children);
        return node;
    }

    function openDialog(className, title, closeLabel) {
        const heading = element("h2", {text: title});
        const dialog = element("dialog", {class: `rte-dialog ${className}`, "aria-label": title});
        const close = element("button", {type: "button", class: "button rte-dialog-close", text: closeLabel || "×"});
        close.addEventListener("click", () => dialog.close());
        dialog.append(element("div", {class: "rte-dialog-header"}, heading, close));
        dialog.addEventListener("close", () => dialog.remove());
        document.body.append(dialog);
        return dialog;
    }

    // Resolves with {alt, decorative}; rejects when the person cancels.
    function askDescription(file, labels) {
        return new Promise((resolve, reject) => {
            const dialog = openDialog("rte-describe", labels.describeTitle || "Describe the picture", labels.close);
            const preview = element("img", {class: "rte-describe-preview", alt: ""});
            const reader = new FileReader();
            reader.addEventListener("load", () => { preview.src = reader.result; });
            reader.readAsDataURL(file);
            const alt = element("textarea", {id: "rte-alt", name: "alt", rows: "3", maxlength: "255"});
            const decorative = element("input", {type: "checkbox", id: "rte-decorative", name: "decorative"});
            const error = element("p", {class: "rte-error", role: "alert"});
            const submit = element("button", {type: "submit", class: "button default", text: labels.upload || "Upload"});
            const cancel = element("button", {type: "button", class: "button rte-cancel", text: labels.cancel || "Cancel"});
            const form = element("form", {method: "dialog"},
                preview,
                element("label", {for: "rte-alt", text: labels.altLabel || "Description (alt text)"}),
                alt,
                element("p", {class: "rte-help", text: labels.altHelp || ""}),
                element("p", {class: "rte-checkbox"}, decorative,
                    element("label", {for: "rte-decorative", text: labels.decorative || "Decorative"})),
                error,
                element("div", {class: "rte-buttons"}, submit, cancel));
            let answered = false;
            form.addEventListener("submit", (event) => {
                event.preventDefault();
                if (!decorative.checked && !alt.value.trim()) {
                    error.textContent = labels.altRequired || "Describe the picture, or mark it as decorative.";
                    alt.focus();
                    return;
                }
                answered = true;
                resolve({alt: decorative.checked ? "" : alt.value.trim(), decorative: decorative.checked});
                dialog.close();
            });
            decorative.addEventListener("change", () => { alt.disabled = decorative.checked; });
            cancel.addEventListener("click", () => dialog.close());
            dialog.addEventListener("close", () => { if (!answered) reject(); });
            dialog.append(form);
            dialog.showModal();
            alt.focus();
        });
    }

    class DescribedUploadAdapter {
        constructor(loader, textarea) {
            this.loader = loader;
            this.textarea = textarea;
            this.labels = labelsOf(textarea);
        }

        upload() {
            return this.loader.file
                .then((file) => askDescription(file, this.labels).then((description) => [file, description]))
                .then(([file, description]) => this.send(file, description));
        }

        send(file, description) {
            const data = new FormData();
            data.append("upload", file);
            data.append("alt", description.alt);
            data.append("decorative", description.decorative ? "1" : "");
            const xhr = this.xhr = new XMLHttpRequest();
            xhr.open("POST", this.textarea.dataset.uploadUrl, true);
            xhr.responseType = "json";
            xhr.setRequestHeader("X-CSRFToken", csrfToken(this.textarea));
            xhr.upload.addEventListener("progress", (event) => {
                if (event.lengthComputable) {
                    this.loader.uploadTotal = event.total;
                    this.loader.uploaded = event.loaded;
                }
            });
            return new Promise((resolve, reject) => {
                const failed = this.labels.uploadFailed || "The image could not be uploaded.";
                xhr.addEventListener("error", () => reject(failed));
                xhr.addEventListener("abort", () => reject());
                xhr.addEventListener("load", () => {
                    const response = xhr.response;
                    if (!response || response.error) {
                        reject(response && response.error ? response.error.message : failed);
                    } else {
                        resolve({default: response.url, alt: response.alt});
                    }
                });
                xhr.send(data);
            });
        }

        abort() {
            if (this.xhr) this.xhr.abort();
        }
    }

    function csrfToken(textarea) {
        const input = textarea.form && textarea.form.querySelector("input[name=csrfmiddlewaretoken]");
        return input ? input.value : "";
    }

    // A CKEditor plugin (a function of the editor) for an editor on `textarea`.
    function uploadAdapterPlugin(textarea) {
        return function DescribedUploadAdapterPlugin(editor) {
            editor.plugins.get("FileRepository").createUploadAdapter =
                (loader) => new DescribedUploadAdapter(loader, textarea);
        };
    }

    // After the upload, the image gets the description the server stored.
    function setAltOnUpload(editor) {
        editor.plugins.get("ImageUploadEditing").on("uploadComplete", (event, {data, imageElement}) => {
            editor.model.change((writer) => writer.setAttribute("alt", data.alt || "", imageElement));
        });
    }

    function openLibrary(editor, textarea) {
        const labels = labelsOf(textarea);
        const dialog = openDialog("rte-library", labels.libraryTitle || "Media library", labels.close);
        const search = element("input", {type: "search", id: "rte-library-search", "aria-label": labels.search || "Search"});
        const searchForm = element("form", {class: "rte-library-search", role: "search"},
            search, element("button", {type: "submit", class: "button", text: labels.search || "Search"}));
        const list = element("ul", {class: "rte-library-images"});
        const status = element("p", {class: "rte-help", role: "status"});
        dialog.append(searchForm, element("p", {class: "rte-help", text: labels.onlyDescribed || ""}), status, list);

        function load() {
            const url = `${textarea.dataset.libraryUrl}?q=${encodeURIComponent(search.value)}`;
            status.textContent = "";
            fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
                .then((response) => (response.ok ? response.json() : Promise.reject()))
                .then(({images}) => {
                    list.replaceChildren(...images.map((image) => choice(image)));
                    if (!images.length) status.textContent = labels.noImages || "No images found.";
                })
                .catch(() => { status.textContent = labels.loadFailed || "The media library could not be loaded."; });
        }

        function choice(image) {
            const button = element("button", {type: "button", class: "rte-library-choice", "data-id": image.id},
                element("img", {src: image.thumbnail, alt: ""}),
                element("span", {text: image.label}));
            button.addEventListener("click", () => {
                editor.execute("insertImage", {source: [{src: image.url, alt: image.alt}]});
                dialog.close();
                editor.editing.view.focus();
            });
            return element("li", {}, button);
        }

        searchForm.addEventListener("submit", (event) => {
            event.preventDefault();
            load();
        });
        dialog.showModal();
        search.focus();
        load();
    }

    function addLibraryButton(editor, textarea) {
        const labels = labelsOf(textarea);
        const button = element("button", {type: "button", class: "button rte-library-open", text: labels.openLibrary || "Insert from library"});
        button.addEventListener("click", () => openLibrary(editor, textarea));
        editor.ui.element.after(element("div", {class: "rte-library-bar"}, button));
    }

    return {uploadAdapterPlugin, setAltOnUpload, addLibraryButton};
})();
