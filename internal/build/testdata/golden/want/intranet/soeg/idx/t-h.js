window.labyrintSearch.load("t-h",{"handicap":"DnH","hjælp":"CrCAyA er","hver":"DnH","hvornår":"FsE"});
