window.labyrintSearch.load("t-s",{"se":"Gxe","sig":"G7H er","sit":"A5F e","sted":"D4I","stu":"DnU","støt":"D7S te","svar":"FsU er","svær":"H6V e"});
