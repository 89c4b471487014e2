/* langid_model.S: the trained language model (data/langid.bin, made by
 * scripts/train_langid.py), embedded in the library so that no data file is
 * needed at run time. Assembled from the repository's root. */
    .section .rodata
    .balign 16
    .globl text_langid_blob
    .hidden text_langid_blob
text_langid_blob:
    .incbin "data/langid.bin"
    .globl text_langid_blob_end
    .hidden text_langid_blob_end
text_langid_blob_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
